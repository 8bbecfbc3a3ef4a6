using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

internal static class CurrentUser
{
    /// <summary>The signed-in user's own row: account use cases act on nobody else.</summary>
    public static async Task<AppUser> MeAsync(this UserManager<AppUser> users, Access access) =>
        await users.FindByIdAsync(access.Actor.UserId) ?? throw new NotFoundException("您的账户", "Your account");
}
