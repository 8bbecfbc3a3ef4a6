namespace Investigation.Workflows.Runtime.Persistence;

/// <summary>
/// A point where an instance waits for a <see cref="Stimulus"/> with the same name and key.
/// (Name, Key) is unique, so a stimulus finds its bookmark with one indexed lookup, and
/// deleting the row on resume makes a second delivery of the same stimulus fail.
/// </summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";

    /// <summary>When a timer bookmark is due; null for bookmarks resumed from outside.</summary>
    public DateTimeOffset? ResumeAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// True when a path of the flow waits here. A side bookmark (false), such as a deadline
    /// timer, neither holds a join nor keeps the instance from completing.
    /// </summary>
    public bool Blocking { get; set; } = true;
}
