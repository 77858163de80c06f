namespace CognitoDemo.Web.Tests.Container;

/// <summary>One stage of a Dockerfile: its name (after <c>AS</c>) and its instructions in order.</summary>
public sealed record DockerStage(string? Name, IReadOnlyList<(string Instruction, string Arguments)> Instructions);

/// <summary>Just enough of the Dockerfile syntax for the rehearsal: comments, line continuations, stages.</summary>
public static class Dockerfile
{
    public static IReadOnlyList<DockerStage> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stages = new List<DockerStage>();
        List<(string, string)>? current = null;
        var logical = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || (logical.Length == 0 && line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                logical += line[..^1].Trim() + " ";
                continue;
            }

            logical += line.Trim();
            var space = logical.IndexOf(' ', StringComparison.Ordinal);
            var instruction = logical[..space].ToUpperInvariant();
            var arguments = logical[(space + 1)..].Trim();
            logical = "";
            if (instruction == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = [];
                stages.Add(new DockerStage(words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, current));
            }
            else
            {
                (current ?? throw new FormatException($"{instruction} before any FROM")).Add((instruction, arguments));
            }
        }

        return stages;
    }
}
