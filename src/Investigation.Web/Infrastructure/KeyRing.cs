using System.Security.Cryptography.X509Certificates;
using Investigation.Workflows.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (sign-in cookies, antiforgery and bearer tokens) lives in the database, so
/// every node reads the same keys without a shared disk and they survive restarts. Each key is encrypted
/// at rest with the certificate of "DataProtection:CertificatePath" (a PFX, its password in
/// "DataProtection:CertificatePassword"); without one the keys are stored unencrypted, and the framework warns.
/// To replace the certificate, keep the old one readable for decryption ("DataProtection:OldCertificatePaths").
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddInvestigationDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("Investigation").PersistKeysToDbContext<InvestigationDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var password = configuration["DataProtection:CertificatePassword"];
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            var old = (configuration.GetSection("DataProtection:OldCertificatePaths").Get<string[]>() ?? [])
                .Select(p => X509CertificateLoader.LoadPkcs12FromFile(p, password)).ToArray();
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. old]);
        }
        return services;
    }
}
