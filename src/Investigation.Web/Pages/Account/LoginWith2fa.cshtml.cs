using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or one recovery code.</summary>
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn) : PageModel
{
    public sealed class InputModel
    {
        public string Code { get; set; } = "";
        public bool RememberMachine { get; set; }
        public string RecoveryCode { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Without a first step (password) just passed, there is nothing to complete.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Login", new { ReturnUrl });
        if (string.IsNullOrWhiteSpace(Input.Code))
        {
            ModelState.AddModelError("Input.Code", Text.T("请输入验证码。", "Enter the code."));
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(EnableAuthenticator.Digits(Input.Code), isPersistent: false, Input.RememberMachine);
        return Outcome(result, Text.T("验证码错误。", "The code is wrong."));
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Login", new { ReturnUrl });
        if (string.IsNullOrWhiteSpace(Input.RecoveryCode))
        {
            ModelState.AddModelError("Input.RecoveryCode", Text.T("请输入恢复码。", "Enter a recovery code."));
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", ""));
        return Outcome(result, Text.T("恢复码错误或已使用。", "The recovery code is wrong or was used already."));
    }

    private IActionResult Outcome(Microsoft.AspNetCore.Identity.SignInResult result, string wrong)
    {
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? Text.T("失败次数过多，账户已锁定15分钟。", "Too many failed attempts: the account is locked for 15 minutes.")
            : wrong);
        return Page();
    }
}
