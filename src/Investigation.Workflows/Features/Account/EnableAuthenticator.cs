using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>
/// A user proves their authenticator app works by entering its current code; two-factor sign-in is
/// then on, and they get recovery codes for when the app is lost (shown once: only the answer carries them).
/// </summary>
public static class EnableAuthenticator
{
    public const int RecoveryCodeCount = 10;

    /// <remarks>The code is a credential while it is valid: never serialized into the audit entry.</remarks>
    public sealed record Command([property: JsonIgnore] string Code) : ICommand<Result>
    {
        public override string ToString() => nameof(EnableAuthenticator);
    }

    /// <summary>The code as the app shows it may have a space or hyphen in the middle.</summary>
    public static string Digits(string? code) => (code ?? "").Replace(" ", "").Replace("-", "");

    public sealed record Result(IReadOnlyList<string> RecoveryCodes);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Code).NotEmpty().Must(code => Digits(code) is { Length: 6 } digits && digits.All(char.IsAsciiDigit))
                .WithMessage("请输入身份验证器应用显示的6位验证码。", "Enter the 6-digit code your authenticator app shows.");
    }

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
                throw new DomainException("请先为身份验证器应用生成密钥。", "Generate a key for your authenticator app first.");
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(command.Code)))
                throw Say.Invalid(nameof(Command.Code), "验证码无效。请检查密钥是否输入正确、设备时间是否准确。",
                    "The code is not valid. Check that the key was entered correctly and that your device's clock is right.");
            (await users.SetTwoFactorEnabledAsync(user, true)).ThrowIfFailed();
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount)
                ?? throw new InvalidOperationException("Identity generated no recovery codes.");
            return new(codes.ToList());
        }
    }
}
