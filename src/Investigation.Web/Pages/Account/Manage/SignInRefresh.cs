using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Account.Manage;

internal static class SignInRefresh
{
    /// <summary>
    /// After a change of one's own password or two-factor setting (which changes the security stamp),
    /// renews this browser's sign-in so that it carries the new stamp and stays signed in; other
    /// sessions, with the old stamp, end.
    /// </summary>
    public static async Task RefreshSignInAsync(this PageModel page, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (await users.GetUserAsync(page.User) is { } user) await signIn.RefreshSignInAsync(user);
    }
}
