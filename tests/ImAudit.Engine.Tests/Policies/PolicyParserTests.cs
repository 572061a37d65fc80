using System.Text;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Policies;

public class PolicyParserTests
{
    public static TheoryData<string, PolicyKind, string, string> Malformed => new()
    {
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:*","Resource":"*"}]}""", PolicyKind.Identity, DiagnosticCodes.ActionAndNotAction, "/Statement/0" },
        { """{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Resource":"*"}]}""", PolicyKind.Identity, DiagnosticCodes.MissingEffect, "/Statement/0" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}""", PolicyKind.Identity, DiagnosticCodes.BadEffect, "/Statement/0/Effect" },
        { """{"Version":"2012-10-17"}""", PolicyKind.Identity, DiagnosticCodes.MissingStatement, "" },
        { """{"Version":"2012-10-17","Statement":[],"Extra":1}""", PolicyKind.Identity, DiagnosticCodes.UnknownElement, "/Extra" },
        { """{"Version":"2012-10-17","Statement":[]}""", PolicyKind.Identity, DiagnosticCodes.EmptyStatement, "/Statement" },
        { """{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", PolicyKind.Identity, DiagnosticCodes.BadVersion, "/Version" },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}""", PolicyKind.Identity, DiagnosticCodes.PrincipalInIdentityPolicy, "/Statement" },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"*"}}""", PolicyKind.Resource, DiagnosticCodes.MissingPrincipal, "/Statement" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents","Resource":"*"}]}""", PolicyKind.Identity, DiagnosticCodes.BadAction, "/Statement/0/Action" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject", 7],"Resource":"*"}]}""", PolicyKind.Identity, DiagnosticCodes.WrongType, "/Statement/0/Action/1" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket/*"}]}""", PolicyKind.Identity, DiagnosticCodes.BadResource, "/Statement/0/Resource" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""", PolicyKind.Identity, DiagnosticCodes.MissingResource, "/Statement/0" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualz":{"aws:SourceIp":"1"}}}]}""", PolicyKind.Identity, DiagnosticCodes.UnknownConditionOperator, "/Statement/0/Condition/StringEqualz" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Effect":"Deny"}]}""", PolicyKind.Identity, DiagnosticCodes.DuplicateKey, "/Statement/0/Effect" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Users":"x"},"Action":"s3:*","Resource":"*"}]}""", PolicyKind.Resource, DiagnosticCodes.BadPrincipal, "/Statement/0/Principal/Users" },
        { """[1,2]""", PolicyKind.Identity, DiagnosticCodes.NotAnObject, "" },
        { """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},]}""", PolicyKind.Identity, DiagnosticCodes.JsonSyntax, "" },
        { "", PolicyKind.Identity, DiagnosticCodes.JsonSyntax, "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Reports_malformed_documents_with_code_and_pointer(string json, PolicyKind kind, string code, string pointer)
    {
        var document = PolicyParser.Parse(json, kind, "p");

        var diagnostic = Assert.Single(document.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(pointer, diagnostic.Location.Pointer);
        Assert.True(document.HasErrors);
        Assert.DoesNotContain('\n', diagnostic.Message);
    }

    [Fact]
    public void Gives_line_and_column_of_the_faulty_entry()
    {
        var json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": [\"s3:GetObject\", \"nonsense\"],\n    \"Resource\": \"*\"\n  }]\n}";

        var diagnostic = Assert.Single(PolicyParser.Parse(json, PolicyKind.Identity).Diagnostics);

        Assert.Equal(new SourceLocation("/Statement/0/Action/1", 5, 32), diagnostic.Location);
    }

    [Fact]
    public void Published_response_plan_policy_with_typographic_quotes_is_reported_at_the_quote()
    {
        var bytes = Fixture.Bytes("samples/resource-policy_response-plan_org-principal.malformed.txt");

        var document = PolicyParser.Parse(bytes, PolicyKind.Resource, "doc");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(DiagnosticCodes.JsonSyntax, diagnostic.Code);
        var line = Encoding.UTF8.GetString(bytes).Split('\n')[diagnostic.Location.Line!.Value - 1];
        Assert.Contains("“", line, StringComparison.Ordinal);
        Assert.Empty(document.Statements);
    }

    [Fact]
    public void Published_contact_policy_with_a_missing_comma_is_reported_on_its_line()
    {
        var bytes = Fixture.Bytes("samples/resource-policy_contact_cross-account.malformed.txt");

        var diagnostic = Assert.Single(PolicyParser.Parse(bytes, PolicyKind.Resource).Diagnostics);

        Assert.Equal(DiagnosticCodes.JsonSyntax, diagnostic.Code);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        // The parser stops at the second ARN, which follows the first with no comma between them.
        Assert.Contains("arn:aws:ssm-contacts", lines[diagnostic.Location.Line!.Value - 1], StringComparison.Ordinal);
        Assert.Contains("arn:aws:ssm-contacts", lines[diagnostic.Location.Line!.Value - 2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("samples/identity-policy_response-plan-scoped.json", PolicyKind.Identity, 3)]
    [InlineData("samples/runbook-role-policy_response-plan.json", PolicyKind.Identity, 4)]
    [InlineData("samples/trust-policy_ssm-incidents-service_source-arn.json", PolicyKind.Trust, 1)]
    [InlineData("samples/ssm-incidents_put-resource-policy.policy-parameter.json", PolicyKind.Resource, 1)]
    [InlineData("samples/ssm-contacts_put-contact-policy.policy-parameter.json", PolicyKind.Resource, 1)]
    [InlineData("samples/kms-key-policy_pagerduty-secret.json", PolicyKind.Resource, 2)]
    public void Reads_published_valid_policies_without_errors(string file, PolicyKind kind, int statements)
    {
        var document = PolicyParser.Parse(Fixture.Bytes(file), kind, file);

        Assert.False(document.HasErrors, string.Join("; ", document.Diagnostics.Select(d => d.Message)));
        Assert.Equal(statements, document.Statements.Length);
    }

    [Fact]
    public void Normalises_every_principal_shape()
    {
        var json = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"],"Service":["ssm-incidents.amazonaws.com"]},"Action":"sts:AssumeRole"},
              {"Effect":"Deny","NotPrincipal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59d"},"Action":"sts:AssumeRole"}
            ]}
            """;

        var statements = PolicyParser.Parse(json, PolicyKind.Trust).Statements;

        Assert.True(statements[0].Principal!.IsEveryone);
        Assert.Equal("arn:aws:iam::222233334444:root", statements[1].Principal!.Entries[0].NormalizedValue);
        Assert.Equal("222233334444", statements[1].Principal!.Entries[0].AccountId);
        Assert.Equal(["AWS", "AWS", "Service"], statements[2].Principal!.Entries.Select(e => e.Type));
        Assert.True(statements[2].Principal!.IsEveryone);
        Assert.True(statements[3].Principal!.IsNot);
        Assert.Equal(["Federated", "CanonicalUser"], statements[3].Principal!.Entries.Select(e => e.Type));
    }

    [Theory]
    [InlineData("StringEquals", ConditionFamily.String, false, false, SetQualifier.None, false)]
    [InlineData("StringNotLikeIfExists", ConditionFamily.String, true, true, SetQualifier.None, true)]
    [InlineData("ForAllValues:StringEquals", ConditionFamily.String, false, false, SetQualifier.ForAllValues, false)]
    [InlineData("ForAnyValue:StringLike", ConditionFamily.String, false, true, SetQualifier.ForAnyValue, false)]
    [InlineData("NumericLessThanEquals", ConditionFamily.Numeric, false, false, SetQualifier.None, false)]
    [InlineData("DateGreaterThan", ConditionFamily.Date, false, false, SetQualifier.None, false)]
    [InlineData("BoolIfExists", ConditionFamily.Bool, false, false, SetQualifier.None, true)]
    [InlineData("BinaryEquals", ConditionFamily.Binary, false, false, SetQualifier.None, false)]
    [InlineData("NotIpAddress", ConditionFamily.IpAddress, true, false, SetQualifier.None, false)]
    [InlineData("ArnNotLike", ConditionFamily.Arn, true, true, SetQualifier.None, false)]
    [InlineData("Null", ConditionFamily.Null, false, false, SetQualifier.None, false)]
    public void Reads_every_condition_operator_family(string op, object familyValue, bool negated, bool like, object qualifierValue, bool ifExists)
    {
        // The operator's model is internal: theory data crosses as objects.
        var (family, qualifier) = ((ConditionFamily)familyValue, (SetQualifier)qualifierValue);
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"OP":{"aws:Key":["a", 1, true]}}}}""".Replace("OP", op, StringComparison.Ordinal);

        var clause = Assert.Single(PolicyParser.Parse(json, PolicyKind.Identity).Statements[0].Conditions);

        Assert.Equal((family, negated, like, qualifier, ifExists), (clause.Operator.Family, clause.Operator.Negated, clause.Operator.Like, clause.Operator.Qualifier, clause.Operator.IfExists));
        Assert.Equal(["a", "1", "true"], clause.Values.ToArray());
        Assert.Equal("/Statement/Condition/" + op + "/aws:Key", clause.Location.Pointer);
    }

    [Fact]
    public void Decodes_url_encoded_documents_as_the_iam_api_returns_them()
    {
        var encoded = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm-incidents:GetResponsePlan","Resource":"arn:aws:ssm-incidents::111122223333:response-plan/a+b"}]}""");

        var document = PolicyParser.Parse(Encoding.ASCII.GetBytes(encoded), PolicyKind.Identity);

        Assert.False(document.HasErrors);
        Assert.Equal("arn:aws:ssm-incidents::111122223333:response-plan/a+b", document.Statements[0].Resources!.Entries[0].Text);
    }

    [Theory]
    [InlineData("%7B%22Version%2", DiagnosticCodes.InvalidUrlEncoding)]
    [InlineData("%7B%ZZ%7D", DiagnosticCodes.InvalidUrlEncoding)]
    [InlineData("%7B%22a%22%3A%22%FF%22%7D", DiagnosticCodes.InvalidUtf8)]
    public void Reports_bad_url_encoding_and_bad_utf8(string input, string code)
    {
        var document = PolicyParser.Parse(Encoding.ASCII.GetBytes(input), PolicyKind.Identity);

        Assert.Equal(code, Assert.Single(document.Diagnostics).Code);
    }

    [Fact]
    public void Reports_invalid_utf8_in_raw_bytes()
    {
        byte[] bytes = [.. "{\"Version\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal(DiagnosticCodes.InvalidUtf8, Assert.Single(PolicyParser.Parse(bytes, PolicyKind.Identity).Diagnostics).Code);
    }

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var json = """{"Version":"2012-10-17","Statement":""" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var diagnostic = Assert.Single(PolicyParser.Parse(json, PolicyKind.Identity).Diagnostics);

        Assert.Equal(DiagnosticCodes.TooDeep, diagnostic.Code);
    }

    [Fact]
    public void A_ten_megabyte_document_is_refused_with_a_diagnostic()
    {
        var json = """{"Version":"2012-10-17","Statement":[""" + string.Join(",", Enumerable.Repeat("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", 180_000)) + "]}";
        Assert.True(json.Length > 10_000_000);

        var diagnostic = Assert.Single(PolicyParser.Parse(json, PolicyKind.Identity).Diagnostics);

        Assert.Equal(DiagnosticCodes.TooLarge, diagnostic.Code);
    }

    [Fact]
    public void One_bad_statement_does_not_hide_the_others()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"ssm-incidents:*","Resource":"*"}]}""";

        var document = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.True(document.HasErrors);
        var kept = Assert.Single(document.Statements);
        Assert.Equal(1, kept.Index);
        Assert.Equal(Effect.Deny, kept.Effect);
    }

    [Fact]
    public void Missing_version_is_a_warning_and_disables_policy_variables()
    {
        var document = PolicyParser.Parse("""{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${aws:username}/*"}}""", PolicyKind.Identity);

        Assert.False(document.HasErrors);
        Assert.Equal(DiagnosticCodes.MissingVersion, Assert.Single(document.Diagnostics).Code);
        Assert.False(document.Statements[0].Resources!.Entries[0].Pattern.HasVariables);
    }

    [Fact]
    public void Duplicate_sids_are_a_warning()
    {
        var document = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", PolicyKind.Identity);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.DuplicateSid, DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
    }

    [Fact]
    public void Regression_a_newline_in_user_input_kept_messages_on_one_line()
    {
        // Found by ParserProperties: an escaped newline inside an action name reached the message verbatim.
        var document = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm-incidents:Get\nPlan`","Resource":"*"}}""", PolicyKind.Identity);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("`ssm-incidents:Get\\nPlan'` has characters no action name has", diagnostic.Message);
    }

    [Fact]
    public void White_space_around_an_action_is_a_warning_and_the_action_is_read_trimmed()
    {
        // Regression (issue 13): AWS's ReadOnlyAccess v61/v62 has an action with a trailing space; it was IMA107 (high).
        var document = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject ","ssm-incidents:GetResponsePlan"],"Resource":"*"}]}""", PolicyKind.Identity, "p");

        Assert.False(document.HasErrors);
        var warning = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.ActionWhitespace, DiagnosticSeverity.Warning, "/Statement/0/Action/0"), (warning.Code, warning.Severity, warning.Location.Pointer));
        Assert.Equal("s3:GetObject", document.Statements[0].Actions.Entries[0].Text);
    }
}
