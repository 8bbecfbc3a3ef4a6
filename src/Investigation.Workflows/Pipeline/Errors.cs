namespace Investigation.Workflows.Pipeline;

/// <summary>The thing asked for does not exist, or the actor may not know it exists: both answer the same.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The actor may see the thing but lacks the role to do this with it.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Someone else changed the same thing first; nothing of this request was written.</summary>
public sealed class ConflictException(string message) : Exception(message);
