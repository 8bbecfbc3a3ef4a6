using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Evidence;

public static class EvidenceSetup
{
    /// <summary>
    /// Evidence files in a folder by default: beside the SQLite database file (so the one App_Data folder
    /// holds everything a backup needs), or under the application's App_Data on PostgreSQL; an absolute
    /// Evidence:Folder puts them anywhere. Evidence:Store = Database keeps them in the database instead.
    /// </summary>
    public static IServiceCollection AddInvestigationEvidence(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var section = configuration.GetSection("Evidence");
        services.Configure<EvidenceOptions>(section);
        var folder = section["Folder"] ?? "evidence";
        var root = Path.IsPathRooted(folder) ? folder : Path.GetFullPath(Path.Combine(BaseOf(database), folder));
        services.AddSingleton<IEvidenceFolder>(new EvidenceFolder(root));
        services.AddScoped<EvidenceStore>();
        return services;
    }

    private static string BaseOf(DatabaseOptions database)
    {
        if (!database.IsPostgres)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
                return Path.GetDirectoryName(Path.GetFullPath(file)) ?? AppContext.BaseDirectory;
        }
        return Path.Combine(AppContext.BaseDirectory, "App_Data");
    }
}
