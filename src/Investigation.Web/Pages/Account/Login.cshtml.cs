using System.ComponentModel.DataAnnotations;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    public sealed class InputModel
    {
        [Required] public string UserName { get; set; } = "";
        [Required] public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The longest password the policy allows (ChangePassword's limit); user names are far shorter.</summary>
    private const int MaxLength = 1_024;
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // Longer than any name or password there is: refused at the field, before anything is hashed or counted.
        foreach (var (field, value) in new[] { ("Input.UserName", Input.UserName), ("Input.Password", Input.Password) })
            if (value?.Length > MaxLength)
                ModelState.AddModelError(field, Text.T($"不能超过 {MaxLength} 个字符。", $"At most {MaxLength} characters."));
        if (!ModelState.IsValid) return Page();
        if (!throttle.TryAttempt(Input.UserName, HttpContext.Connection.RemoteIpAddress, out var wait))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", Text.T($"登录尝试过于频繁，请 {Math.Ceiling(wait.TotalMinutes)} 分钟后再试。",
                $"Too many sign-in attempts: try again in {Math.Ceiling(wait.TotalMinutes)} minute(s)."));
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        ModelState.AddModelError("", result.IsLockedOut
            ? Text.T("账户已锁定：登录失败次数过多（15分钟后自动解锁），或已被管理员锁定。", "The account is locked: too many failed attempts (it unlocks after 15 minutes), or an administrator locked it.")
            : Text.T("用户名或密码错误。", "The user name or password is wrong."));
        return Page();
    }
}
