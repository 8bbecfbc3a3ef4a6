using FluentValidation;
using FluentValidation.Results;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Messages;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Identity;

/// <summary>
/// Identity's answers in the application's terms, for the administration and the self-service
/// account use cases alike: roles in the application's order, refusals as field messages or
/// conflicts, and the password policy as a validation rule.
/// </summary>
public static class AccountRules
{
    /// <summary>The roles of the user, in the application's order.</summary>
    public static async Task<IReadOnlyList<string>> RolesOfAsync(this UserManager<AppUser> users, AppUser user)
    {
        var held = await users.GetRolesAsync(user);
        return Roles.All.Where(held.Contains).ToList();
    }

    /// <summary>
    /// Identity's refusals as the application's: password and user-name problems as field messages,
    /// a concurrent change as a conflict, anything else as a broken rule.
    /// </summary>
    public static void ThrowIfFailed(this IdentityResult result, string passwordField = "Password")
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new ConflictException("其他人同时修改了该用户，且先于您保存。您的修改均未保存：请刷新后重试。",
                "Someone else changed this user at the same moment, and their change came first. Nothing of yours was saved: reload and try again.");
        var fields = result.Errors.Select(e => (Field: FieldOf(e.Code, passwordField), e.Description)).ToList();
        if (fields.All(f => f.Field.Length > 0))
            throw new ValidationException(fields.Select(f => new ValidationFailure(f.Field, f.Description)));
        // Identity's own descriptions are in English only (no Chinese IdentityErrorDescriber yet): both texts are that one.
        var said = string.Join(" ", result.Errors.Select(e => e.Description));
        throw new DomainException(said, said);
    }

    private static string FieldOf(string code, string passwordField) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
        : code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) ? "UserName"
        : "";

    /// <summary>
    /// The password policy (IdentitySetup.Configure) as field messages, checked before anything is
    /// written. Identity checks it again when it sets the password.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> MeetsPasswordPolicy<T>(this IRuleBuilder<T, string> rule, UserManager<AppUser> users) =>
        rule.CustomAsync(async (password, context, _) =>
        {
            var errors = new List<string>();
            foreach (var validator in users.PasswordValidators)
                errors.AddRange((await validator.ValidateAsync(users, new AppUser(), password ?? "")).Errors.Select(e => e.Description));
            // One message with every unmet requirement: a form shows a field's first message only.
            if (errors.Count > 0) context.AddFailure(string.Join(" ", errors));
        });
}
