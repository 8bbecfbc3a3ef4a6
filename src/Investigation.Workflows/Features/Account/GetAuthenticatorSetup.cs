using System.Text;
using Investigation.Workflows.Data.Entities;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>
/// What the user types or scans into their authenticator app: the shared key, and the otpauth:// URI
/// that carries it. Null until a key was generated (ResetAuthenticatorKey).
/// </summary>
public static class GetAuthenticatorSetup
{
    /// <summary>The name the authenticator app shows next to the code.</summary>
    public const string Issuer = "Investigation";

    public sealed record Query : IRequest<Result?>;

    /// <param name="FormattedKey">The key in groups of four, easier to type.</param>
    public sealed record Result(string SharedKey, string FormattedKey, string AuthenticatorUri, bool Enabled);

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query query, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key)) return null;
            return new(key, Format(key), Uri(user.UserName ?? "", key), user.TwoFactorEnabled);
        }
    }

    public static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(text.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The key URI format authenticator apps read: TOTP, 6 digits, 30-second steps (their defaults).</summary>
    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";
}
