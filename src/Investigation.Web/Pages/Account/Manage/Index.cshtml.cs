using Investigation.Workflows.Features.Account;
using MediatR;

namespace Investigation.Web.Pages.Account.Manage;

/// <summary>The signed-in user's account and how they sign in (GetAccountSecurity).</summary>
public sealed class IndexModel(IMediator mediator) : SignedInPageModel
{
    public GetAccountSecurity.Result? Account { get; private set; }

    public async Task OnGetAsync() => Account = await mediator.Send(new GetAccountSecurity.Query(), HttpContext.RequestAborted);
}
