using System.Security.Claims;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Investigation.Web.Infrastructure;

/// <summary>Puts the user's unit, display name and language into the sign-in cookie, next to the roles Identity adds.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string Unit = "unit";
    public const string DisplayName = "display_name";
    public const string Culture = "culture";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new(Unit, user.UnitId.ToString()));
        identity.AddClaim(new(DisplayName, user.DisplayName));
        identity.AddClaim(new(Culture, user.Culture));
        return identity;
    }

    public static Actor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.Identity?.Name ?? "",
        new UnitId(Guid.TryParse(user.FindFirstValue(Unit), out var unit) ? unit : Guid.Empty),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
}
