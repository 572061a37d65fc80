using BenchmarkDotNet.Attributes;
using ImAudit.Engine;
using ImAudit.Engine.Baselines;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Evaluation;
using ImAudit.Engine.Policies;

namespace ImAudit.Bench;

/// <summary>Catalogue load, expansion, simulation and comparison throughput (issue 2's engine targets).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const string Responders = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Respond","Effect":"Allow","Action":["ssm-incidents:StartIncident","ssm-incidents:*IncidentRecord","ssm-contacts:StartEngagement"],"Resource":"*"},
          {"Sid":"OwnPlans","Effect":"Allow","Action":"ssm-incidents:UpdateResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/${aws:PrincipalTag/team}-*"},
          {"Sid":"Contacts","Effect":"Allow","NotAction":["ssm-contacts:Delete*","ssm-contacts:Put*"],"Resource":"arn:aws:ssm-contacts:*:111122223333:contact/*"},
          {"Sid":"OfficeOnly","Effect":"Deny","Action":"ssm-incidents:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}},
          {"Sid":"NoDelete","Effect":"Deny","Action":"ssm-incidents:Delete*","NotResource":"arn:aws:ssm-incidents::111122223333:response-plan/sandbox-*"}]}
        """;

    private string _catalogText = "";
    private PolicyEngine _engine = null!;
    private PolicySet _responders = null!;
    private PolicySet _admin = null!;
    private PolicySet _baseline = null!;
    private RequestContext _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream("ImAudit.Engine.catalog.tsv")!;
        _catalogText = new StreamReader(stream).ReadToEnd();
        _engine = new PolicyEngine(IamCatalog.Default);
        _responders = new PolicySet([PolicyParser.Parse(Responders, PolicyKind.Identity, "responders")]);
        _admin = new PolicySet([PolicyParser.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", PolicyKind.Identity, "admin")]);
        _baseline = new PolicySet([ManagedBaselines.Find(ManagedBaselines.ResolverAccess)!.Document]);
        _request = new RequestContext("ssm-incidents:UpdateResponsePlan", "arn:aws:ssm-incidents::111122223333:response-plan/payments-api",
            [new("aws:SourceIp", "203.0.113.10"), new("aws:PrincipalTag/team", "payments")]);
    }

    [Benchmark(Description = "catalogue load (22k actions)")]
    public IamCatalog LoadCatalog() => IamCatalog.Load(new StringReader(_catalogText));

    [Benchmark(Description = "parse a 5-statement policy")]
    public PolicyDocument Parse() => PolicyParser.Parse(Responders, PolicyKind.Identity, "responders");

    [Benchmark(Description = "expand ssm*:Get*")]
    public int ExpandPrefixWildcard() => _engine.Expand("ssm*:Get*").Actions.Count;

    [Benchmark(Description = "expand *:* (every action)")]
    public int ExpandEverything() => _engine.Expand("*:*").Actions.Count;

    [Benchmark(Description = "simulate one request")]
    public bool Simulate() => PolicyEngine.Simulate(_responders, _request).Decision == Decision.Allowed;

    [Benchmark(Description = "compare responders vs ResolverAccess")]
    public bool CompareResponders() => _engine.Compare(_responders, _baseline, "ResolverAccess").IsSubset;

    [Benchmark(Description = "compare Allow * vs ResolverAccess")]
    public bool CompareAdmin() => _engine.Compare(_admin, _baseline, "ResolverAccess").IsSubset;
}
