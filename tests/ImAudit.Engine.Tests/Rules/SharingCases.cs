namespace ImAudit.Engine.Tests.Rules;

internal static class SharingCases
{
    public const string Plan = "arn:aws:ssm-incidents::111122223333:response-plan/Payments";
    public const string Contact = "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall";

    public static string Share(string principal, string actions, string resources, string condition = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Share","Effect":"Allow","Principal":{{principal}},"Action":{{actions}},"Resource":{{resources}}{{condition}}}]}""";

    public const string PlanActions = """["ssm-incidents:GetResponsePlan","ssm-incidents:StartIncident","ssm-incidents:GetIncidentRecord"]""";
    public const string PlanResources = """["arn:aws:ssm-incidents::111122223333:response-plan/Payments","arn:aws:ssm-incidents:*:111122223333:incident-record/Payments/*"]""";
}
