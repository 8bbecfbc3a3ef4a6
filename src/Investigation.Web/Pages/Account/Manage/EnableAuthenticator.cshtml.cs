using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Pages.Account.Manage;

/// <summary>
/// Sets up the authenticator app: a new key (ResetAuthenticatorKey), the key and its URI to enter
/// (GetAuthenticatorSetup), a code to prove it works (EnableAuthenticator), then the recovery codes, once.
/// </summary>
public sealed class EnableAuthenticatorModel(IMediator mediator, UserManager<AppUser> users, SignInManager<AppUser> signIn) : SignedInPageModel
{
    public sealed class InputModel
    {
        public string Code { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GetAuthenticatorSetup.Result? Setup { get; private set; }
    /// <summary>Set only in the answer to a successful verification: they are never shown again.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>The otpauth URI as a QR code, drawn as SVG on the server: a phone scans it, no script or image file needed.</summary>
    public string? QrSvg { get; private set; }

    public async Task OnGetAsync()
    {
        Setup = await mediator.Send(new GetAuthenticatorSetup.Query(), HttpContext.RequestAborted);
        if (Setup is { AuthenticatorUri: { Length: > 0 } uri })
        {
            using var data = QRCoder.QRCodeGenerator.GenerateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
            QrSvg = new QRCoder.SvgQRCode(data).GetGraphic(5);
        }
    }

    public async Task<IActionResult> OnPostNewKeyAsync()
    {
        var result = await this.SendAsync(mediator, new ResetAuthenticatorKey.Command(), _ => RedirectToPage());
        if (result is RedirectToPageResult) await this.RefreshSignInAsync(users, signIn);
        else await OnGetAsync();
        return result;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await this.SendAsync(mediator, new EnableAuthenticator.Command(Input.Code), r =>
        {
            RecoveryCodes = r.RecoveryCodes;
            return Page();
        });
        if (RecoveryCodes is not null)
        {
            await this.RefreshSignInAsync(users, signIn);
            TempData["Status"] = Text.T("双重验证已启用。", "Two-factor sign-in is on.");
        }
        else await OnGetAsync();
        return result;
    }
}
