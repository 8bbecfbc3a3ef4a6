using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The workflow version a case runs on, as BPMN 2.0 XML with a diagram, for a standard viewer
/// (bpmn-js) to draw. The definitions are code, so the layout is computed: columns by the longest
/// path from the start, rows within a column.
/// </summary>
public static class ExportBpmn
{
    /// <param name="InstanceId">One of the case's adjustment or appeal workflows (GetProcessDiagram); none for its investigation.</param>
    public sealed record Query(Guid CaseId, Guid? InstanceId = null) : IRequest<string>;

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowDefinitionRegistry registry) : IRequestHandler<Query, string>
    {
        public async Task<string> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            if (query.InstanceId is { } other)
            {
                // Only a workflow of this case: another case's (or none) is "not found", as a case the user may not see.
                var execution = (await GetProcessDiagram.ExecutionInstancesAsync(db, record.Id, ct)).FirstOrDefault(i => i.Id == other)
                    ?? throw new NotFoundException("该案件的流程", "The case's workflow");
                return ToXml(Export(registry.Get(execution.DefinitionName, execution.DefinitionVersion), CultureInfo.CurrentUICulture.Name));
            }
            var instance = record.WorkflowInstanceId is { } id
                ? await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.DefinitionName, i.DefinitionVersion }).FirstOrDefaultAsync(ct)
                : null;
            var definition = instance is null ? registry.Latest(InvestigationWorkflow.Name) : registry.Get(instance.DefinitionName, instance.DefinitionVersion);
            // Labelled in the reader's language: two languages in a box crowd the words off its edges.
            return ToXml(Export(definition, CultureInfo.CurrentUICulture.Name));
        }
    }

    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public const string StartEventId = "StartEvent";

    /// <summary>
    /// The BPMN id of an activity: a valid XML name however the activity is called. Letters, digits,
    /// '-' and '.' are kept; anything else is written as _XXXX, so two activity ids never share one.
    /// </summary>
    public static string ElementId(string activityId)
    {
        var id = new StringBuilder("Activity_");
        foreach (var ch in activityId)
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.') id.Append(ch);
            else id.Append('_').Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
        return id.ToString();
    }

    /// <summary>The id of the sequence flow of a definition's connection, by its position in the definition.</summary>
    public static string FlowId(int connectionIndex) => $"Flow_{connectionIndex + 1}";

    /// <summary>What a step is called, in both languages: the task kind's name, or the step's own name.</summary>
    public static BilingualText ActivityName(string activityId)
    {
        var again = activityId.StartsWith("again-", StringComparison.Ordinal);
        if (InvestigationWorkflow.TaskKindOf(activityId) is { } kind)
        {
            var name = TaskKinds.Of(kind).Name;
            return again ? new(name.Zh + "（补充调查）", name.En + " (supplementary)") : name;
        }
        return activityId switch
        {
            "trace-back" => new("逐级倒查", "Trace back level by level"),
            "trace-back-done" => new("倒查汇总", "Trace-back joined"),
            "complete-trace-back" => new("完成倒查", "Complete trace-back"),
            "reopen" => new("退回补充调查", "Reopen named levels"),
            "end" => new("结束", "End"),
            _ => new(activityId, activityId),
        };
    }

    /// <summary>What a connection's outcome is called, in both languages; null for the plain "done".</summary>
    public static BilingualText? OutcomeName(string outcome) => outcome switch
    {
        ActivityResult.Done => null,
        InvestigationWorkflow.Outcomes.Accepted => new("受理", "accepted"),
        InvestigationWorkflow.Outcomes.Rejected => new("不予受理", "rejected"),
        InvestigationWorkflow.Outcomes.Ineffective => new("协调监管不力", "ineffective"),
        InvestigationWorkflow.Outcomes.Effective => new("协调监管有效", "effective"),
        InvestigationWorkflow.Outcomes.Endorsed => new("同意", "endorsed"),
        InvestigationWorkflow.Outcomes.Returned => new("退回补充调查", "returned"),
        InvestigationWorkflow.Outcomes.Declined => new("不予问责", "declined"),
        InvestigationWorkflow.Outcomes.Approved => new("批准", "approved"),
        InvestigationWorkflow.Outcomes.Refused => new("不予批准", "refused"),
        ExecutionWorkflows.Outcomes.Upheld => new("维持原决定", "upheld"),
        ExecutionWorkflows.Outcomes.Changed => new("改变原决定", "changed"),
        _ when outcome.StartsWith("Reopen", StringComparison.Ordinal) && int.TryParse(outcome["Reopen".Length..], out var level) =>
            new($"重查第{level}级", $"level {level} again"),
        _ => new(outcome, outcome),
    };

    private static string Label(BilingualText text, string? culture) =>
        culture is not null ? text.In(culture) : text.Zh == text.En ? text.Zh : $"{text.Zh}\n{text.En}";

    public static string ToXml(XDocument document) => $"{document.Declaration}\n{document.Root}";

    // Layout, in pixels: every node sits centred in a cell; edges run in the free channels between cells.
    private const int TaskWidth = 150, TaskHeight = 80, GatewaySize = 50, EventSize = 36;
    private const int GapX = 60, GapY = 60, Margin = 80;
    private const int ColumnWidth = TaskWidth + GapX, RowHeight = TaskHeight + GapY;
    private const int LaneSpacing = 8, MaxLaneOffset = GapY / 2 - 6;

    /// <param name="culture">The language of the labels; none gives both, one under the other.</param>
    public static XDocument Export(WorkflowDefinition definition, string? culture = null)
    {
        var processId = $"Process_{ElementId(definition.Name)["Activity_".Length..]}_v{definition.Version}";
        var nodes = definition.Activities.Select(a => new Node(ElementId(a.Id), a)).Prepend(new Node(StartEventId, null)).ToList();
        var byId = nodes.ToDictionary(n => n.Id);
        var flows = definition.Connections.Select((c, i) => new Flow(FlowId(i), byId[ElementId(c.From)], byId[ElementId(c.To)], c.Outcome))
            .Prepend(new Flow("Flow_start", byId[StartEventId], byId[ElementId(definition.StartActivityId)], ActivityResult.Done))
            .ToList();
        Layout(nodes, flows);

        // Several outcomes leaving one step: each flow is taken when the step ends with its outcome.
        var decisions = flows.GroupBy(f => f.From).Where(g => g.Select(f => f.Outcome).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();

        var process = new XElement(Bpmn + "process", new XAttribute("id", processId),
            new XAttribute("name", $"{definition.Name} v{definition.Version}"), new XAttribute("isExecutable", "false"));
        foreach (var node in nodes)
        {
            var element = new XElement(Bpmn + node.Kind, new XAttribute("id", node.Id), new XAttribute("name", Label(node.Name, culture)));
            element.Add(flows.Where(f => f.To == node).Select(f => new XElement(Bpmn + "incoming", f.Id)));
            element.Add(flows.Where(f => f.From == node).Select(f => new XElement(Bpmn + "outgoing", f.Id)));
            if (node.Activity is TimerActivity) element.Add(new XElement(Bpmn + "timerEventDefinition", new XAttribute("id", node.Id + "_timer")));
            process.Add(element);
        }
        foreach (var flow in flows)
        {
            var element = new XElement(Bpmn + "sequenceFlow", new XAttribute("id", flow.Id),
                new XAttribute("sourceRef", flow.From.Id), new XAttribute("targetRef", flow.To.Id));
            if (OutcomeName(flow.Outcome) is { } name) element.Add(new XAttribute("name", Label(name, culture)));
            if (decisions.Contains(flow.From))
                element.Add(new XElement(Bpmn + "conditionExpression", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"),
                    $"outcome = '{flow.Outcome}'"));
            process.Add(element);
        }

        var plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", "Plane_1"), new XAttribute("bpmnElement", processId));
        foreach (var node in nodes)
            plane.Add(new XElement(BpmnDi + "BPMNShape", new XAttribute("id", node.Id + "_di"), new XAttribute("bpmnElement", node.Id),
                new XElement(Dc + "Bounds", Attr("x", node.X), Attr("y", node.Y), Attr("width", node.Width), Attr("height", node.Height))));
        foreach (var flow in flows)
            plane.Add(new XElement(BpmnDi + "BPMNEdge", new XAttribute("id", flow.Id + "_di"), new XAttribute("bpmnElement", flow.Id),
                flow.Waypoints.Select(p => new XElement(Di + "waypoint", Attr("x", p.X), Attr("y", p.Y)))));

        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Bpmn + "definitions",
                new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn), new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
                new XAttribute(XNamespace.Xmlns + "dc", Dc), new XAttribute(XNamespace.Xmlns + "di", Di), new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute("id", "Definitions_1"), new XAttribute("targetNamespace", "urn:investigation:workflows"),
                new XAttribute("exporter", "Investigation"), new XAttribute("exporterVersion", "1"),
                process,
                new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "Diagram_1"), plane)));
    }

    private static XAttribute Attr(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    private sealed class Node(string id, Activity? activity)
    {
        public string Id { get; } = id;
        public Activity? Activity { get; } = activity;
        public int Column { get; set; }
        public int Row { get; set; }
        public int Order { get; set; }
        public int X => CentreX - Width / 2;
        public int Y => CentreY - Height / 2;
        public int CentreX => Margin + Column * ColumnWidth + TaskWidth / 2;
        public int CentreY => Margin + Row * RowHeight + TaskHeight / 2;

        /// <summary>User tasks wait for people; code runs by itself; a Join is an inclusive (synchronizing) merge.</summary>
        public string Kind => Activity switch
        {
            null => "startEvent",
            HumanTaskActivity => "userTask",
            Code => "scriptTask",
            Fork => "parallelGateway",
            // Our join waits only for the paths that can still reach it (a re-run of some levels,
            // or an assessment that made level 4 unnecessary): BPMN's inclusive merge, not the
            // parallel one, which would wait for every incoming flow for ever.
            Join => "inclusiveGateway",
            Finish => "endEvent",
            TimerActivity => "intermediateCatchEvent",
            // The investigation wraps its human tasks (to add their deadlines); its task kinds say which steps are people's work.
            _ when InvestigationWorkflow.TaskKindOf(Activity.Id) is not null => "userTask",
            _ => "task",
        };

        public BilingualText Name => Activity is null ? new("开始", "Start") : ActivityName(Activity.Id);

        public int Width => Kind switch { "startEvent" or "endEvent" or "intermediateCatchEvent" => EventSize, "parallelGateway" or "inclusiveGateway" => GatewaySize, _ => TaskWidth };
        public int Height => Kind switch { "startEvent" or "endEvent" or "intermediateCatchEvent" => EventSize, "parallelGateway" or "inclusiveGateway" => GatewaySize, _ => TaskHeight };
    }

    private sealed record Point(int X, int Y);

    private sealed class Flow(string id, Node from, Node to, string outcome)
    {
        public string Id { get; } = id;
        public Node From { get; } = from;
        public Node To { get; } = to;
        public string Outcome { get; } = outcome;
        public bool Back { get; set; }
        public List<Point> Waypoints { get; } = [];
    }

    /// <summary>
    /// Columns by the longest path from the start over the flows that do not loop back; in a column,
    /// each node takes the first free row from its highest predecessor's. Edges go from the right of
    /// one node to the left of the next through the empty channels between cells, so they never
    /// cross a shape.
    /// </summary>
    private static void Layout(List<Node> nodes, List<Flow> flows)
    {
        var outgoing = flows.ToLookup(f => f.From);
        // A depth-first walk from the start marks the flows that loop back; what is left is acyclic.
        var state = new Dictionary<Node, int>(); // 1 = on the walk's path, 2 = finished
        var finished = new List<Node>();
        void Walk(Node n)
        {
            state[n] = 1;
            foreach (var f in outgoing[n])
                if (!state.TryGetValue(f.To, out var s)) Walk(f.To);
                else if (s == 1) f.Back = true;
            state[n] = 2;
            finished.Add(n);
        }
        foreach (var n in nodes) if (!state.ContainsKey(n)) Walk(n);

        var order = Enumerable.Reverse(finished).ToList(); // a topological order of the acyclic part
        var incoming = flows.Where(f => !f.Back).ToLookup(f => f.To);
        foreach (var n in order)
            n.Column = incoming[n].Select(f => f.From.Column + 1).DefaultIfEmpty(0).Max();

        for (var i = 0; i < nodes.Count; i++) nodes[i].Order = i;
        foreach (var column in nodes.GroupBy(n => n.Column).OrderBy(g => g.Key))
        {
            var taken = new HashSet<int>();
            // Next to the highest predecessor: the first path through the flowchart stays on the top row.
            var wanted = column.Select(n => (Node: n, Row: incoming[n].Select(f => f.From.Row).DefaultIfEmpty(0).Min()))
                .OrderBy(x => x.Row).ThenBy(x => x.Node.Order);
            foreach (var (node, row) in wanted)
            {
                var r = row;
                while (!taken.Add(r)) r++;
                node.Row = r;
            }
        }

        // Horizontal channels (between rows) carry the long edges (above their rows) and the looping ones
        // (below their rows): spread those that share a channel, so each can be followed.
        var routed = flows.Select(f => (Flow: f, Long: f.Back || f.To.Column != f.From.Column + 1)).ToList();
        var laneOf = routed.Where(x => x.Long).ToDictionary(x => x.Flow,
            x => x.Flow.Back ? Math.Max(x.Flow.From.Row, x.Flow.To.Row) + 1 : Math.Min(x.Flow.From.Row, x.Flow.To.Row));
        var perLane = laneOf.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList());

        foreach (var (flow, isLong) in routed)
        {
            var (from, to) = (flow.From, flow.To);
            var start = new Point(from.CentreX + from.Width / 2, from.CentreY);
            var end = new Point(to.CentreX - to.Width / 2, to.CentreY);
            var rightOfSource = from.CentreX + TaskWidth / 2 + GapX / 2;
            var leftOfTarget = to.CentreX - TaskWidth / 2 - GapX / 2;
            var points = new List<Point> { start };
            if (!isLong)
            {
                points.Add(new(rightOfSource, start.Y));
                points.Add(new(rightOfSource, end.Y));
            }
            else
            {
                var lane = laneOf[flow];
                var sharing = perLane[lane];
                var offset = Math.Clamp((sharing.IndexOf(flow) * 2 - (sharing.Count - 1)) * LaneSpacing / 2, -MaxLaneOffset, MaxLaneOffset);
                var y = Margin + lane * RowHeight - GapY / 2 + offset;
                points.Add(new(rightOfSource, start.Y));
                points.Add(new(rightOfSource, y));
                points.Add(new(leftOfTarget, y));
                points.Add(new(leftOfTarget, end.Y));
            }
            points.Add(end);
            flow.Waypoints.AddRange(Simplify(points));
        }
    }

    /// <summary>Drops repeated points and points in the middle of a straight run.</summary>
    private static IEnumerable<Point> Simplify(List<Point> points)
    {
        var distinct = points.Where((p, i) => i == 0 || p != points[i - 1]).ToList();
        for (var i = 0; i < distinct.Count; i++)
        {
            if (i > 0 && i < distinct.Count - 1)
            {
                var (a, b, c) = (distinct[i - 1], distinct[i], distinct[i + 1]);
                if ((a.X == b.X && b.X == c.X) || (a.Y == b.Y && b.Y == c.Y)) continue;
            }
            yield return distinct[i];
        }
    }
}
