using FluentValidation;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>Validators are built once when they need nothing of the request's scope, and per request when they do.</summary>
public sealed class ValidatorLifetimeTests
{
    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Investigation"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"validators-{Guid.NewGuid():N}.db")}",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [Fact]
    public void A_validator_without_scoped_needs_is_shared_and_one_with_them_is_made_per_request()
    {
        using var services = Services();
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        Assert.Same(first.ServiceProvider.GetRequiredService<IValidator<RecordFindings.Command>>(),
            second.ServiceProvider.GetRequiredService<IValidator<RecordFindings.Command>>());
        Assert.Same(first.ServiceProvider.GetRequiredService<IValidator<ChangeDueDate.Command>>(), // needs the clock, a singleton
            second.ServiceProvider.GetRequiredService<IValidator<ChangeDueDate.Command>>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<IValidator<CreateUser.Command>>(), // needs the UserManager, scoped
            second.ServiceProvider.GetRequiredService<IValidator<CreateUser.Command>>());
    }
}
