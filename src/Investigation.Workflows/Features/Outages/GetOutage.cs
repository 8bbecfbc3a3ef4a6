using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Outages;

/// <summary>
/// A watched outage, with the registration of the case it proposes: what the registration form
/// fills in from /Cases/Register?outage={id} (the officer still confirms the attack and the disposal).
/// </summary>
public static class GetOutage
{
    public sealed record Query(Guid OutageId) : IRequest<Result>;

    public sealed record Result(Guid Id, Guid UnitId, string UnitName, SiteKind Site, Domain.Organisation.AdministrativeLevel SiteLevel, string SiteAddress,
        bool Attacked, string Description, DateTimeOffset DownAt, DateTimeOffset ThresholdAt, DateTimeOffset? RestoredAt, DateTimeOffset? ThresholdReachedAt,
        string RegisteredBy, Proposal Proposal);

    /// <summary>The fields of <see cref="RegisterIncident.Command"/> the outage answers.</summary>
    public sealed record Proposal(Guid UnitId, string Title, string Description, DateTimeOffset OccurredAt, IncidentFactsInput Facts);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var o = await db.Outages.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.OutageId, ct);
            if (o is null || !await access.CanSeeUnitAsync(o.UnitId, ct)) throw new NotFoundException("该服务中断记录", "The outage");
            var tree = await access.OrganisationAsync(ct);
            var name = tree.Unit(new Domain.UnitId(o.UnitId)).Name;
            var proposal = new Proposal(o.UnitId, $"{name}网站瘫痪（{o.SiteAddress}）",
                string.IsNullOrWhiteSpace(o.Description) ? $"{name}网站（{o.SiteAddress}）无法访问。" : o.Description,
                o.DownAt,
                new IncidentFactsInput
                {
                    PortalParalysis = new(o.Site, o.SiteLevel, o.Attacked, DisposalOrganisedInTime: false, o.DownAt, o.RestoredAt),
                });
            return new(o.Id, o.UnitId, name, o.Site, o.SiteLevel, o.SiteAddress, o.Attacked, o.Description, o.DownAt, o.ThresholdAt, o.RestoredAt,
                o.ThresholdReachedAt, o.RegisteredBy, proposal);
        }
    }
}
