using Investigation.Workflows.Messages;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Identity;

/// <summary>
/// ASP.NET Core Identity's messages (the password policy, user names, roles) in the language of the
/// request, like every other message of the application. The codes stay Identity's, so code that
/// tells one error from another by its code is unaffected.
/// </summary>
public sealed class IdentityMessages : IdentityErrorDescriber
{
    private static IdentityError Error(IdentityError english, string zh) =>
        Say.IsChinese ? new IdentityError { Code = english.Code, Description = zh } : english;

    public override IdentityError DefaultError() => Error(base.DefaultError(), "发生未知错误。");
    public override IdentityError ConcurrencyFailure() => Error(base.ConcurrencyFailure(), "该用户已被他人同时修改，您的修改未保存：请刷新后重试。");
    public override IdentityError PasswordMismatch() => Error(base.PasswordMismatch(), "密码不正确。");
    public override IdentityError InvalidToken() => Error(base.InvalidToken(), "令牌无效。");
    public override IdentityError LoginAlreadyAssociated() => Error(base.LoginAlreadyAssociated(), "已有用户使用此登录方式。");
    public override IdentityError InvalidUserName(string? userName) => Error(base.InvalidUserName(userName), $"用户名“{userName}”无效：只能包含字母或数字。");
    public override IdentityError InvalidEmail(string? email) => Error(base.InvalidEmail(email), $"电子邮件“{email}”无效。");
    public override IdentityError DuplicateUserName(string userName) => Error(base.DuplicateUserName(userName), $"用户名“{userName}”已被使用。");
    public override IdentityError DuplicateEmail(string email) => Error(base.DuplicateEmail(email), $"电子邮件“{email}”已被使用。");
    public override IdentityError InvalidRoleName(string? role) => Error(base.InvalidRoleName(role), $"角色名“{role}”无效。");
    public override IdentityError DuplicateRoleName(string role) => Error(base.DuplicateRoleName(role), $"角色名“{role}”已被使用。");
    public override IdentityError UserAlreadyHasPassword() => Error(base.UserAlreadyHasPassword(), "该用户已设置密码。");
    public override IdentityError UserLockoutNotEnabled() => Error(base.UserLockoutNotEnabled(), "该用户未启用锁定。");
    public override IdentityError UserAlreadyInRole(string role) => Error(base.UserAlreadyInRole(role), $"该用户已具有角色“{role}”。");
    public override IdentityError UserNotInRole(string role) => Error(base.UserNotInRole(role), $"该用户不具有角色“{role}”。");
    public override IdentityError PasswordTooShort(int length) => Error(base.PasswordTooShort(length), $"密码至少需要 {length} 个字符。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(base.PasswordRequiresUniqueChars(uniqueChars), $"密码至少需要 {uniqueChars} 个不同的字符。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(base.PasswordRequiresNonAlphanumeric(), "密码至少需要一个非字母数字的字符。");
    public override IdentityError PasswordRequiresDigit() => Error(base.PasswordRequiresDigit(), "密码至少需要一个数字（0-9）。");
    public override IdentityError PasswordRequiresLower() => Error(base.PasswordRequiresLower(), "密码至少需要一个小写字母（a-z）。");
    public override IdentityError PasswordRequiresUpper() => Error(base.PasswordRequiresUpper(), "密码至少需要一个大写字母（A-Z）。");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(base.RecoveryCodeRedemptionFailed(), "恢复代码无效。");
}
