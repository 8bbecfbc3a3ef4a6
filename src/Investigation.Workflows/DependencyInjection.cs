using FluentValidation;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Evidence;
using Investigation.Workflows.Features;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Investigation.Workflows;

/// <summary>Database settings: "Database:Provider" (Sqlite or Postgres) and "ConnectionStrings:Investigation".</summary>
public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "Sqlite";
    public string ConnectionString { get; set; } = "Data Source=investigation.db";
    /// <summary>SQLite's synchronous pragma: FULL makes every commit durable; NORMAL trades that for speed.</summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        options.ConnectionString = configuration.GetConnectionString("Investigation") ?? options.ConnectionString;
        return options;
    }
}

public static class DependencyInjection
{
    public static IServiceCollection AddInvestigationWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        // FluentValidation's settings are global: its messages in the request's language.
        FieldNames.Use();
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        // The same model on either provider; each provider's context carries its own migrations.
        // Each commit that makes a timer tells the deadline scheduler (DueTimerInterceptor).
        // Pooled: a request takes a reset context from the pool instead of building one and its options,
        // which was a large part of a short step's cost.
        // Each commit that appends to the audit chain is signed and checkpointed (AuditSeal).
        services.AddSingleton(_ => AuditSeal.From(configuration, database));
        if (database.IsPostgres)
        {
            // Every node's organisation tree follows changes made on any node (OrganisationChangeListener).
            services.AddSingleton<OrganisationChangeNotifier>();
            services.AddHostedService<OrganisationChangeListener>();
            services.AddDbContextPool<InvestigationDbContext, PostgresInvestigationDbContext>((sp, o) => ConfigureDatabase(o, database)
                .AddInterceptors(sp.GetRequiredService<DueTimerInterceptor>(), sp.GetRequiredService<AuditSeal>(), sp.GetRequiredService<OrganisationChangeNotifier>()));
        }
        else
            services.AddDbContextPool<InvestigationDbContext, SqliteInvestigationDbContext>((sp, o) => ConfigureDatabase(o, database)
                .AddInterceptors(sp.GetRequiredService<DueTimerInterceptor>(), sp.GetRequiredService<AuditSeal>()));

        // The investigation's time limits per kind of task, under whatever "Deadlines" configures.
        services.AddOptions<TaskDeadlines>().Configure(TaskTimeLimits.ApplyDefaults).Bind(configuration.GetSection("Deadlines"));
        services.AddSingleton<ITaskNames, TaskTimeLimits>();
        services.AddScoped<IBeforeCommit, StaleDrafts>();
        services.AddScoped<IBeforeCommit, NewTaskNotifications>();
        services.AddTransient<AuditChainCheck>();
        services.AddSingleton<IRecurringJobs, AuditChainCheck.Schedule>();
        services.Configure<ForgetOldIdempotencyKeys.Settings>(configuration.GetSection("Idempotency"));
        services.AddScoped<ForgetOldIdempotencyKeys>();
        services.AddSingleton<IRecurringJobs, ForgetOldIdempotencyKeys.Schedule>();
        services.AddInvestigationEvidence(configuration, database);
        services.AddInvestigationDeadlines(configuration);
        services.AddSingleton(_ => WorkflowDefinitions());
        services.AddSingleton<OrganisationStore>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<AuditScope>();
        services.AddScoped<IdempotencyScope>();
        services.AddScoped<CaseSession>();
        services.AddScoped<Access>();
        services.AddScoped<IAfterCommit>(sp => sp.GetRequiredService<Access>());
        services.AddScoped<TaskStep>();
        // Scoped, so that activities resolve the request's services (its CaseSession, its DbContext).
        services.AddScoped(sp => new WorkflowRuntime(sp.GetRequiredService<WorkflowDefinitionRegistry>(), sp.GetRequiredService<TimeProvider>(), sp));

        AddMediator(services);
        return services;
    }

    public static WorkflowDefinitionRegistry WorkflowDefinitions()
    {
        var registry = new WorkflowDefinitionRegistry();
        registry.Register(InvestigationWorkflow.Version1());
        registry.Register(OutageWatchWorkflow.Version1());
        registry.Register(ExecutionWorkflows.AdjustmentVersion1());
        registry.Register(ExecutionWorkflows.AppealVersion1());
        return registry;
    }

    public static DbContextOptionsBuilder ConfigureDatabase(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        if (database.IsPostgres)
            options.UseNpgsql(database.ConnectionString);
        else
        {
            // The file's folder is created on first use, so a fresh clone runs without set-up.
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder && file != ":memory:") Directory.CreateDirectory(folder);
            options.UseSqlite(database.ConnectionString).AddInterceptors(new SqlitePragmas(database.SqliteSynchronous), new SqliteSaveGate());
        }
        return options;
    }

    private static bool NeedsNoScope(Type type) =>
        type.GetConstructors().All(c => c.GetParameters().All(p => p.ParameterType == typeof(TimeProvider)));

    /// <summary>MediatR 5: the factory, the handlers and validators of this assembly, and the pipeline in order.</summary>
    private static void AddMediator(IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>)) services.AddScoped(contract, type);
                else if (definition == typeof(IValidator<>))
                {
                    // A validator's rules are built in its constructor (expressions compiled, child validators made),
                    // which cost more than validating: build once those that need nothing of the request's scope.
                    if (NeedsNoScope(type)) services.AddSingleton(contract, type);
                    else services.AddScoped(contract, type);
                }
            }
        // Outermost first: validation writes nothing, then one transaction with the audit entry.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        // Outside the transaction: the organisation cache is refreshed once the change has committed.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(OrganisationChangeBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
    }
}
