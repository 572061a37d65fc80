using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Policies;

public class MessageTextTests
{
    [Theory]
    [InlineData("role/ops-admin", "role/ops-admin")]
    [InlineData("a`b", "a'b")]
    [InlineData("line\nbreak\ttab\rcr", "line\\nbreak\\ttab\\rcr")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData(null, "")]
    public void Inline_keeps_user_text_on_one_line_inside_backticks(string? value, string expected) =>
        Assert.Equal(expected, MessageText.Inline(value));

    [Fact]
    public void Inline_cuts_long_text_with_an_ellipsis()
    {
        var inline = MessageText.Inline(new string('x', 500));

        Assert.Equal(MessageText.MaxLength + 1, inline.Length);
        Assert.EndsWith("…", inline, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_returns_plain_text_as_it_is()
    {
        var plain = "arn:aws:iam::111122223333:role/runbook";

        Assert.Same(plain, MessageText.Inline(plain));
    }
}
