using System.ComponentModel.DataAnnotations;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Pages.Account.Manage;

/// <summary>The user changes their own password (ChangePassword).</summary>
public sealed class ChangePasswordModel(IMediator mediator, UserManager<AppUser> users, SignInManager<AppUser> signIn) : SignedInPageModel
{
    public sealed class InputModel
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
        // A typing check of the form, not a rule: the use case never sees it.
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ. / 两次输入的新密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await this.ValidateOnlyAsync(new ChangePassword.Command(Input.CurrentPassword, Input.NewPassword));
            return Page();
        }
        var result = await this.SendAsync(mediator, new ChangePassword.Command(Input.CurrentPassword, Input.NewPassword), _ => RedirectToPage("Index"));
        if (result is not RedirectToPageResult) return result;
        await this.RefreshSignInAsync(users, signIn);
        TempData["Status"] = Text.T("密码已修改。", "Your password was changed.");
        return result;
    }
}
