namespace Investigation.Domain.TraceBack;

/// <summary>
/// Whether coordination (by the cyberspace affairs office) or supervision (by the industry regulator
/// or the region, Article 4) was ineffective, and so whether their heads are traced too.
/// </summary>
public sealed record CoordinationAssessment
{
    public bool CoordinationIneffective { get; }
    public bool SupervisionIneffective { get; }
    public string Reason { get; }

    public CoordinationAssessment(bool coordinationIneffective, bool supervisionIneffective, string reason)
    {
        CoordinationIneffective = coordinationIneffective;
        SupervisionIneffective = supervisionIneffective;
        Reason = Guard.Text(reason, "协调监管评估的理由", "The reason of the coordination and supervision assessment");
    }

    public bool AnyIneffective => CoordinationIneffective || SupervisionIneffective;
}
