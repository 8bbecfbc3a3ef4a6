using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>A user turns two-factor sign-in off; the password alone signs them in again.</summary>
public static class DisableAuthenticator
{
    public sealed record Command : ICommand<Unit>;

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed();
            return Unit.Value;
        }
    }
}
