namespace Investigation.Domain.Responsibility;

public enum ResponsibilityKind
{
    None,
    /// <summary>直接责任: the party concerned answers directly for their own act or omission.</summary>
    Direct,
    /// <summary>主要领导责任.</summary>
    MainLeadership,
    /// <summary>重要领导责任.</summary>
    ImportantLeadership,
}

public static class ResponsibilityKindText
{
    public static BilingualText Name(this ResponsibilityKind kind) => kind switch
    {
        ResponsibilityKind.None => new("不承担责任", "none"),
        ResponsibilityKind.Direct => new("直接责任", "direct responsibility"),
        ResponsibilityKind.MainLeadership => new("主要领导责任", "main leadership responsibility"),
        ResponsibilityKind.ImportantLeadership => new("重要领导责任", "important leadership responsibility"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
