using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Users;

/// <summary>One user (GetUser): change roles (ChangeUserRoles), unit (ChangeUserUnit), lock (LockUser, UnlockUser), reset the password (ResetUserPassword).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class EditModel(IMediator mediator) : PageModel
{
    /// <summary>The fields of the page's forms; each form posts its own.</summary>
    public sealed class InputModel
    {
        public List<string> Roles { get; set; } = [];
        public Guid? UnitId { get; set; }
        public string NewPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GetUser.Result? Data { get; private set; }

    public Task<IActionResult> OnGetAsync(string id) =>
        this.SendAsync(mediator, new GetUser.Query(id), user =>
        {
            Data = user;
            Input = new() { Roles = user.Roles.ToList(), UnitId = user.UnitId };
            return Page();
        });

    public Task<IActionResult> OnPostRolesAsync(string id) =>
        ChangeAsync(id, new ChangeUserRoles.Command(id, Input.Roles), Text.T("角色已更新。", "The roles were changed."));

    public Task<IActionResult> OnPostUnitAsync(string id) =>
        ChangeAsync(id, new ChangeUserUnit.Command(id, Input.UnitId ?? Guid.Empty), Text.T("单位已更新。", "The unit was changed."));

    public Task<IActionResult> OnPostLockAsync(string id) =>
        ChangeAsync(id, new LockUser.Command(id), Text.T("用户已锁定。", "The user is locked out."));

    public Task<IActionResult> OnPostUnlockAsync(string id) =>
        ChangeAsync(id, new UnlockUser.Command(id), Text.T("用户已解锁。", "The user is unlocked."));

    public Task<IActionResult> OnPostResetPasswordAsync(string id) =>
        ChangeAsync(id, new ResetUserPassword.Command(id, Input.NewPassword), Text.T("密码已重置。", "The password was reset."));

    private async Task<IActionResult> ChangeAsync<T>(string id, IRequest<T> command, string done)
    {
        var result = await this.SendAsync(mediator, command, _ =>
        {
            TempData["Status"] = done;
            return RedirectToPage(new { id });
        });
        // Refused: show the user as they are now, with the messages next to the form that was sent.
        if (result is PageResult) return await this.SendAsync(mediator, new GetUser.Query(id), user => { Data = user; return result; });
        return result;
    }
}
