using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Account.Manage;

/// <summary>
/// A page of one's own account, for a signed-in user only. The /Account folder allows anonymous
/// access (signing in happens there), and that overrides [Authorize] on pages inside it, so these
/// pages send an anonymous visitor to sign in themselves.
/// </summary>
public abstract class SignedInPageModel : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            context.Result = Challenge();
            return;
        }
        await next();
    }
}
