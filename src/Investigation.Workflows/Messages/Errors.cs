using Investigation.Domain;

namespace Investigation.Workflows.Messages;

/// <summary>The thing asked for does not exist, or the actor may not know it exists: both answer the same.</summary>
public sealed class NotFoundException(BilingualText what) : Exception($"{what.En} was not found.")
{
    public NotFoundException(string zh, string en) : this(new BilingualText(zh, en)) { }

    /// <summary>What a person reads, in both languages (the web picks theirs).</summary>
    public BilingualText Text { get; } = new($"找不到{what.Zh}。", $"{what.En} was not found.");
}

/// <summary>The actor may see the thing but lacks the role to do this with it.</summary>
public sealed class ForbiddenException(BilingualText text) : Exception(text.En)
{
    public ForbiddenException(string zh, string en) : this(new BilingualText(zh, en)) { }

    public BilingualText Text { get; } = text;
}

/// <summary>Someone else changed the same thing first; nothing of this request was written.</summary>
public sealed class ConflictException(BilingualText text) : Exception(text.En)
{
    public ConflictException(string zh, string en) : this(new BilingualText(zh, en)) { }

    public BilingualText Text { get; } = text;
}
