using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>
/// A user generates a new shared key for their authenticator app. An app set up with the old key no
/// longer works, so two-factor sign-in is off until a code from the new one is verified.
/// </summary>
public static class ResetAuthenticatorKey
{
    public sealed record Command : ICommand<Unit>;

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed();
            (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed();
            return Unit.Value;
        }
    }
}
