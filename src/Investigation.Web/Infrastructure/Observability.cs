using Investigation.Workflows.Pipeline;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP when an endpoint is configured
/// (OTEL_EXPORTER_OTLP_ENDPOINT, or "OpenTelemetry:Endpoint"): requests (ASP.NET Core), database calls
/// (Npgsql's own source and meter), workflow steps and deadline firings (<see cref="Telemetry"/>).
/// "Logging:Json" = true writes the console log as JSON lines carrying the trace and span ids.
/// </summary>
public static class Observability
{
    public static IServiceCollection AddInvestigationObservability(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Logging:Json", false))
            services.AddLogging(logging =>
            {
                logging.ClearProviders();
                logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                });
            });

        var endpoint = configuration["OpenTelemetry:Endpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("investigation", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddSource("Npgsql", Telemetry.Name))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("Npgsql", Telemetry.Name))
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        return services;
    }
}
