using FluentValidation;
using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Account.Manage;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Imports the organisation from a workbook or JSON, after a dry run if wished (ImportOrganisation); exports it back.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class ImportModel(IMediator mediator, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? InitialPassword { get; set; }
    public ImportOrganisation.Report? Report { get; private set; }
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public void OnGet() { }

    /// <param name="mode">"preview" for a dry run, "import" to apply.</param>
    public async Task<IActionResult> OnPostAsync(string? mode)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("请选择要导入的文件（.xlsx 或 .json）。", "Choose the file to import (.xlsx or .json)."));
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, HttpContext.RequestAborted);
        var format = Upload.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? OrganisationFormat.Json : OrganisationFormat.Xlsx;
        var dryRun = mode != "import";
        try
        {
            Report = await mediator.Send(new ImportOrganisation.Command(format, buffer.ToArray(), dryRun, InitialPassword), HttpContext.RequestAborted);
            // The first administrator may just have been placed at the new root: their cookie learns it now.
            if (!dryRun) await this.RefreshSignInAsync(users, signIn);
        }
        catch (ValidationException e)
        {
            Errors = e.Errors.Select(x => x.CustomState as ImportError ?? new ImportError("", 0, x.PropertyName, x.ErrorMessage)).ToList();
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError("", Text.T(e));
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }

    public Task<IActionResult> OnGetExportAsync(string format) =>
        this.SendAsync(mediator, new ExportOrganisation.Query(format == "json" ? OrganisationFormat.Json : OrganisationFormat.Xlsx),
            r => File(r.Content, r.ContentType, r.FileName));

    public IActionResult OnGetTemplate() =>
        File(OrganisationFile.Empty.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "organisation-template.xlsx");
}
