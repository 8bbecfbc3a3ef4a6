using Investigation.Workflows.Deadlines;
using MediatR;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>Fails every firing of a real timer while switched on, as a full disk or a lost connection would.</summary>
internal sealed class FailingFirings : IPipelineBehavior<FireDueTimer.Command, FireDueTimer.Result>
{
    public volatile bool Failing = true;

    public Task<FireDueTimer.Result> Handle(FireDueTimer.Command request, CancellationToken cancellationToken, RequestHandlerDelegate<FireDueTimer.Result> next) =>
        Failing && request.Timers.Any(t => t.Key != Guid.Empty.ToString()) ? throw new InvalidOperationException("disk I/O error (test)") : next();
}
