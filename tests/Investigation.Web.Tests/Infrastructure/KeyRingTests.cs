using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Dom;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Infrastructure;

/// <summary>A node whose data-protection keys are encrypted with a certificate from configuration; optionally on another node's database.</summary>
public class CertifiedWebApp : WebApp
{
    public static readonly Lazy<string> Certificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Investigation data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Directory.CreateTempSubdirectory("investigation-cert-").FullName, "dataprotection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        return path;
    });

    /// <summary>A database of its own, migrated and seeded at start (the template's carries a key made without a certificate), or another node's.</summary>
    public string SharedDatabase { get; init; } = Path.Combine(Directory.CreateTempSubdirectory("investigation-keyring-").FullName, "investigation.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", Certificate.Value);
        builder.UseSetting("DataProtection:CertificatePassword", "test-pfx-password");
        builder.UseSetting("ConnectionStrings:Investigation", $"Data Source={SharedDatabase}");
    }
}

/// <summary>The key ring lives in the database, encrypted at rest, and a second node on the same database reads it.</summary>
public sealed class KeyRingTests(CertifiedWebApp app) : IClassFixture<CertifiedWebApp>
{
    [Fact]
    public async Task Keys_AreInTheDatabase_EncryptedWithTheCertificate_AndASecondNodeAcceptsTheFirstsSignIn()
    {
        // Sign in on the first node by hand, to hold the sign-in cookie itself.
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync("/Account/Login");
        var form = (IHtmlFormElement)(await WebApp.ParseAsync(login)).QuerySelector("form[method=post]")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = WebApp.Fields(form, new() { ["Input.UserName"] = "caseofficer", ["Input.Password"] = WebApp.Password }),
        };
        post.Headers.Add("Cookie", string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("investigation=", StringComparison.Ordinal));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
            var key = Assert.Single(keys);
            Assert.Contains("EncryptedData", key.Xml);
            Assert.DoesNotContain("unencrypted form", key.Xml);
        }

        // Another node on the same database, no shared disk: it reads the key ring and accepts the cookie.
        using var second = new CertifiedWebApp { SharedDatabase = app.SharedDatabase };
        var request = new HttpRequestMessage(HttpMethod.Get, "/Tasks");
        request.Headers.Add("Cookie", cookie);
        var response = await second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
