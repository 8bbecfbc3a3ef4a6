using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Users;

/// <summary>Creates a user in one of the administrator's units (CreateUser).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class CreateModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public Guid? UnitId { get; set; }
        public List<string> Roles { get; set; } = [];
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<UnitOption> Units { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await this.SendAsync(mediator, new CreateUser.Command(Input.UserName, Input.DisplayName, Input.UnitId ?? Guid.Empty, Input.Roles, Input.Password), _ =>
        {
            TempData["Status"] = Text.T($"已创建用户 {Input.UserName}。", $"User {Input.UserName} was created.");
            return RedirectToPage("Index");
        });
        if (result is PageResult) await LoadAsync();
        return result;
    }

    private async Task LoadAsync() => Units = (await mediator.Send(new ListUsers.Query(), HttpContext.RequestAborted)).Units;
}
