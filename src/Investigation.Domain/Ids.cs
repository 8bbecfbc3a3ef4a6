namespace Investigation.Domain;

public readonly record struct UnitId(Guid Value)
{
    public static UnitId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct PersonId(Guid Value)
{
    public static PersonId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct CaseId(Guid Value)
{
    public static CaseId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}
