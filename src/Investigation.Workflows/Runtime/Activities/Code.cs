namespace Investigation.Workflows.Runtime.Activities;

/// <summary>
/// Runs a delegate and completes with the outcomes it returns: several outcomes fire several
/// connections (re-opening just some branches, say); none means <see cref="ActivityResult.Done"/>.
/// </summary>
public sealed class Code : Activity
{
    private readonly Func<ActivityContext, ValueTask<string[]>> run;

    public Code(string id, Func<ActivityContext, ValueTask<string[]>> run) : base(id) => this.run = run;

    public Code(string id, Func<ActivityContext, string[]> run) : base(id) => this.run = ctx => ValueTask.FromResult(run(ctx));

    public Code(string id, Func<ActivityContext, ValueTask> run) : base(id) => this.run = async ctx =>
    {
        await run(ctx);
        return [];
    };

    public Code(string id, Action<ActivityContext> run) : base(id) => this.run = ctx =>
    {
        run(ctx);
        return ValueTask.FromResult<string[]>([]);
    };

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ActivityResult.Complete(await run(context));
}
