using System.Globalization;

namespace CrmRecording.Cli.Solution;

/// <summary>A solution version as Dataverse orders them: major.minor.build.revision, four non-negative integers.</summary>
internal readonly record struct SolutionVersion(int Major, int Minor, int Build, int Revision)
{
    public const string Format = "X.Y.Z.W (four non-negative integers, e.g. 1.0.0.0)";

    public static bool TryParse(string? text, out SolutionVersion version)
    {
        version = default;
        var parts = text?.Trim().Split('.');
        if (parts is not { Length: 4 })
        {
            return false;
        }

        var numbers = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit)
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new SolutionVersion(numbers[0], numbers[1], numbers[2], numbers[3]);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Build}.{Revision}");
}
