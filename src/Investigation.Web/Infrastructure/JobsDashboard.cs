using Hangfire;
using Hangfire.Dashboard;
using Investigation.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Hangfire's dashboard at /Admin/Jobs, behind the application's own sign-in: administrators may act
/// (trigger a recurring job, delete or requeue a job), auditors only look. Anyone else is refused as on
/// any other page (signed out: the sign-in page; another role: access denied).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/Admin/Jobs";
    public const string Policy = "JobsDashboard";

    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        // The two services Hangfire's dashboard asks for; its storage is passed in below. Not AddHangfire: it points
        // Hangfire's static logging at this host's logger factory, which breaks a second host in the same process.
        services.AddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.AddSingleton(_ => DashboardRoutes.Routes);
        return services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Auditor)));
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            // The endpoint's policy decides who comes in; Hangfire's own default filter would admit local requests only.
            Authorization = [],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Administrator),
            AppPath = "/Admin/Incidents",
            DashboardTitle = "定时任务 Scheduled jobs",
            DisplayStorageConnectionString = false,
        }, endpoints.ServiceProvider.GetRequiredService<JobStorage>()).RequireAuthorization(Policy);
        return endpoints;
    }
}
