using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>The signed-in user's account: who they are, and how they sign in.</summary>
public static class GetAccountSecurity
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(string UserName, string DisplayName, string UnitName, IReadOnlyList<string> Roles,
        bool TwoFactorEnabled, int RecoveryCodesLeft);

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            var tree = await access.OrganisationAsync(ct);
            var unit = new UnitId(user.UnitId);
            return new(user.UserName ?? "", user.DisplayName, tree.Contains(unit) ? tree.Unit(unit).Name : "", await users.RolesOfAsync(user),
                user.TwoFactorEnabled, user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);
        }
    }
}
