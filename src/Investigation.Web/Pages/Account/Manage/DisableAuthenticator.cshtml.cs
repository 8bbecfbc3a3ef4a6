using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Pages.Account.Manage;

/// <summary>Turns two-factor sign-in off, after confirmation (DisableAuthenticator).</summary>
public sealed class DisableAuthenticatorModel(IMediator mediator, UserManager<AppUser> users, SignInManager<AppUser> signIn) : SignedInPageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await this.SendAsync(mediator, new DisableAuthenticator.Command(), _ => RedirectToPage("Index"));
        if (result is not RedirectToPageResult) return result;
        await this.RefreshSignInAsync(users, signIn);
        TempData["Status"] = Text.T("双重验证已停用。", "Two-factor sign-in is off.");
        return result;
    }
}
