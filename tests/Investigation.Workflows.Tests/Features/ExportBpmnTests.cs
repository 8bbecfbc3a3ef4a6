using System.Xml.Linq;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Tests.Support;

// Not ...Tests.Features: a namespace of that name would hide Investigation.Workflows.Features from the other tests.
namespace Investigation.Workflows.Tests.Procedure;

/// <summary>The BPMN 2.0 export of a workflow definition, and the diagram state that marks it.</summary>
public sealed class ExportBpmnTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    private static readonly WorkflowDefinition Definition = InvestigationWorkflow.Version1();

    /// <summary>Parsed from the text the viewer receives, so the test sees what bpmn-js sees.</summary>
    private static XDocument Exported() => XDocument.Parse(ExportBpmn.ToXml(ExportBpmn.Export(Definition)));

    private static XElement Process(XDocument bpmn) => bpmn.Root!.Element(Bpmn + "process")!;

    private static XElement Node(XDocument bpmn, string activityId) =>
        Process(bpmn).Elements().Single(e => (string?)e.Attribute("id") == ExportBpmn.ElementId(activityId));

    private static Dictionary<string, (double X, double Y, double W, double H)> Shapes(XDocument bpmn) =>
        bpmn.Descendants(BpmnDi + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, s =>
        {
            var b = s.Element(Dc + "Bounds")!;
            return ((double)b.Attribute("x")!, (double)b.Attribute("y")!, (double)b.Attribute("width")!, (double)b.Attribute("height")!);
        });

    [Fact]
    public void Export_IsBpmnWithAShapeForEveryActivityAndAFlowWithAnEdgeForEveryConnection()
    {
        var bpmn = Exported();

        Assert.Equal(Bpmn + "definitions", bpmn.Root!.Name);
        var process = Process(bpmn);
        var shapes = Shapes(bpmn);
        foreach (var activity in Definition.Activities)
        {
            var id = ExportBpmn.ElementId(activity.Id);
            Assert.Single(process.Elements(), e => (string?)e.Attribute("id") == id);
            Assert.Contains(id, shapes.Keys);
        }

        var flows = process.Elements(Bpmn + "sequenceFlow").ToList();
        var edges = bpmn.Descendants(BpmnDi + "BPMNEdge").ToDictionary(e => (string)e.Attribute("bpmnElement")!);
        for (var i = 0; i < Definition.Connections.Count; i++)
        {
            var connection = Definition.Connections[i];
            var flow = flows.Single(f => (string)f.Attribute("id")! == ExportBpmn.FlowId(i));
            Assert.Equal(ExportBpmn.ElementId(connection.From), (string?)flow.Attribute("sourceRef"));
            Assert.Equal(ExportBpmn.ElementId(connection.To), (string?)flow.Attribute("targetRef"));
            Assert.True(edges[ExportBpmn.FlowId(i)].Elements(Di + "waypoint").Count() >= 2, $"{connection} has no drawn edge");
        }
        // Plus the start event's flow into the first step, and nothing else.
        Assert.Equal(Definition.Connections.Count + 1, flows.Count);
        Assert.Equal(flows.Count, edges.Count);
        var start = process.Element(Bpmn + "startEvent")!;
        Assert.Equal(ExportBpmn.ElementId(Definition.StartActivityId),
            (string?)flows.Single(f => (string?)f.Attribute("sourceRef") == (string?)start.Attribute("id")).Attribute("targetRef"));

        // Every reference points at an element that exists, and every flow is listed by its two ends.
        var ids = process.Elements().Select(e => (string)e.Attribute("id")!).ToHashSet();
        Assert.All(flows, f =>
        {
            Assert.Contains((string)f.Attribute("sourceRef")!, ids);
            Assert.Contains((string)f.Attribute("targetRef")!, ids);
            Assert.Contains(process.Elements().Single(e => (string?)e.Attribute("id") == (string)f.Attribute("sourceRef")!).Elements(Bpmn + "outgoing"), o => o.Value == (string)f.Attribute("id")!);
            Assert.Contains(process.Elements().Single(e => (string?)e.Attribute("id") == (string)f.Attribute("targetRef")!).Elements(Bpmn + "incoming"), o => o.Value == (string)f.Attribute("id")!);
        });
        Assert.Equal(ids.Count, process.Elements().Count()); // ids are unique
        Assert.All(bpmn.Descendants(BpmnDi + "BPMNShape").Concat(bpmn.Descendants(BpmnDi + "BPMNEdge")),
            d => Assert.Contains((string)d.Attribute("bpmnElement")!, ids));
    }

    [Fact]
    public void Export_MapsEachKindOfActivityToItsBpmnElement_WithBilingualNames()
    {
        var bpmn = Exported();

        Assert.Equal("userTask", Node(bpmn, "accept").Name.LocalName);
        Assert.Equal("受理\nAcceptance", (string?)Node(bpmn, "accept").Attribute("name"));
        Assert.Equal("倒查：主要负责人\nTrace-back: main person in charge", (string?)Node(bpmn, "level-3").Attribute("name"));
        Assert.Contains("（补充调查）", (string?)Node(bpmn, "again-level-3").Attribute("name"));
        Assert.Equal("scriptTask", Node(bpmn, "complete-trace-back").Name.LocalName);
        Assert.Equal("parallelGateway", Node(bpmn, "trace-back").Name.LocalName);
        Assert.Equal("inclusiveGateway", Node(bpmn, "trace-back-done").Name.LocalName);
        Assert.Equal("endEvent", Node(bpmn, "end").Name.LocalName);
        Assert.Single(Process(bpmn).Elements(Bpmn + "startEvent"));
        Assert.Equal(Definition.Activities.Count(a => InvestigationWorkflow.TaskKindOf(a.Id) is not null), Process(bpmn).Elements(Bpmn + "userTask").Count());

        // The outcomes of a decision label its flows and say when each is taken.
        var flows = Process(bpmn).Elements(Bpmn + "sequenceFlow").ToList();
        var rejected = flows.Single(f => (string?)f.Attribute("sourceRef") == ExportBpmn.ElementId("accept") && (string?)f.Attribute("targetRef") == ExportBpmn.ElementId("end"));
        Assert.Equal("不予受理\nrejected", (string?)rejected.Attribute("name"));
        Assert.Contains("Rejected", rejected.Element(Bpmn + "conditionExpression")!.Value);
        var plain = flows.Single(f => (string?)f.Attribute("sourceRef") == ExportBpmn.ElementId("hearing"));
        Assert.Null(plain.Attribute("name"));
        Assert.Null(plain.Element(Bpmn + "conditionExpression"));
    }

    [Fact]
    public void Layout_PutsEachStepRightOfTheStepsBeforeIt_AndNoShapesOverlap()
    {
        var bpmn = Exported();
        var shapes = Shapes(bpmn);
        double CentreX(string activityId)
        {
            var shape = shapes[ExportBpmn.ElementId(activityId)];
            return shape.X + shape.W / 2;
        }

        Assert.True(CentreX("accept") > shapes[ExportBpmn.StartEventId].X);
        string[] mainPath = ["accept", "trace-back", "level-1", "level-2", "level-3", "trace-back-done", "complete-trace-back",
            "responsibility", "hearing", "suggestion", "review", "approval", "decision", "acknowledgement", "end"];
        for (var i = 1; i < mainPath.Length; i++)
            Assert.True(CentreX(mainPath[i]) > CentreX(mainPath[i - 1]), $"{mainPath[i]} is not right of {mainPath[i - 1]}");
        // Parallel branches stand in the same column, one under the other.
        Assert.Equal(CentreX("level-1"), CentreX("coordination"));

        var boxes = shapes.Values.ToList();
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"shapes {i} and {j} overlap");
            }
    }

    [Fact]
    public void ElementIds_AreValidXmlNames_AndDistinct_WhateverTheActivityIds()
    {
        string[] ids = ["level-1", "a b", "a_20b", "1st", "步骤"];

        var elementIds = ids.Select(ExportBpmn.ElementId).ToList();

        Assert.Equal(ids.Length, elementIds.Distinct().Count());
        Assert.All(elementIds, id => Assert.Equal(id, System.Xml.XmlConvert.VerifyNCName(id)));
        Assert.Equal("Activity_level-1", elementIds[0]);
    }

    [Fact]
    public async Task ExportOfACase_DrawsTheStepsTheDiagramMarks_AndIsNotFoundOutsideTheUnit()
    {
        await using var app = await AppHost.StartAsync();
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, Demo.CaseScript.Operator);

        var xml = await app.SendAs("investigator", new ExportBpmn.Query(id));
        var diagram = await app.SendAs("investigator", new GetProcessDiagram.Query(id));

        var shapes = Shapes(XDocument.Parse(xml));
        Assert.Equal(["accept", "level-1", "trace-back"], diagram.Steps.Where(s => s.State == GetProcessDiagram.StepState.Done).Select(s => s.ActivityId).Order());
        Assert.Equal(["coordination", "level-2"], diagram.Steps.Where(s => s.State == GetProcessDiagram.StepState.Active).Select(s => s.ActivityId).Order());
        Assert.All(diagram.Steps, s => Assert.Contains(ExportBpmn.ElementId(s.ActivityId), shapes.Keys));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("investigator-anping", new ExportBpmn.Query(id)));
    }
}
