using ScottPlot;
using ScottPlot.FontResolvers;
using SkiaSharp;

namespace Planner.Reports.Charts;

/// <summary>
/// The one font every chart is drawn with: DejaVu Sans, regular and bold, registered with
/// ScottPlot from its files. ScottPlot looks fonts up by name and, when the name is not found,
/// quietly takes a serif face; with no fonts installed at all it draws no text. Charts without
/// labels would still look like charts, so a missing font stops the report instead.
/// </summary>
public static class ChartFonts
{
    /// <summary>The family name charts ask for, as written into the SVG.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>File name of the regular face.</summary>
    public const string RegularFile = "DejaVuSans.ttf";

    /// <summary>File name of the bold face.</summary>
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    /// <summary>Environment variable naming a folder that holds both files, looked in first.</summary>
    public const string FolderVariable = "PLANNER_FONT_DIR";

    /// <summary>What to do when the fonts are missing, for error messages.</summary>
    public const string InstallHint = "install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core), or set " + FolderVariable + " to a folder holding " + RegularFile + " and " + BoldFile;

    private static readonly Lock Gate = new();
    private static string? _folder;

    /// <summary>Where the font files are looked for, in order.</summary>
    public static IReadOnlyList<string> SearchFolders()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured)
        {
            folders.Add(configured);
        }
        folders.AddRange(
        [
            "/usr/share/fonts/truetype/dejavu",
            "/usr/share/fonts/dejavu",
            "/usr/share/fonts/TTF",
            "/usr/share/fonts/dejavu-sans-fonts",
            "/usr/local/share/fonts",
            "/opt/homebrew/share/fonts",
            "/Library/Fonts",
        ]);
        return folders;
    }

    /// <summary>
    /// Registers the two faces with ScottPlot (once per process) and makes them the default;
    /// returns the folder they came from.
    /// </summary>
    /// <exception cref="ChartFontMissingException">Neither face can be found or loaded.</exception>
    public static string EnsureRegistered()
    {
        lock (Gate)
        {
            if (_folder is not null)
            {
                return _folder;
            }
            string folder = Locate(SearchFolders());
            string regular = Path.Combine(folder, RegularFile), bold = Path.Combine(folder, BoldFile);
            Check(regular, bold: false);
            Check(bold, bold: true);
            // In front of ScottPlot's system lookup, so that the files named here are the ones used
            // whatever else is installed.
            Fonts.FontResolvers.Insert(0, new FileFontResolver(Family, bold, FontWeight.Bold, FontSlant.Upright, FontSpacing.Normal));
            Fonts.FontResolvers.Insert(0, new FileFontResolver(Family, regular, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal));
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _folder = folder;
            return folder;
        }
    }

    /// <summary>
    /// Why charts cannot be drawn with the faces in <paramref name="folders"/> (by default
    /// <see cref="SearchFolders"/>), or null when they can: the check a report set makes before
    /// drawing, so that a machine without the font still gets every file but the charts.
    /// </summary>
    public static string? Problem(IReadOnlyList<string>? folders = null)
    {
        if (folders is null)
        {
            lock (Gate)
            {
                if (_folder is not null)
                {
                    return null;
                }
            }
        }
        try
        {
            string folder = Locate(folders ?? SearchFolders());
            Check(Path.Combine(folder, RegularFile), bold: false);
            Check(Path.Combine(folder, BoldFile), bold: true);
            return null;
        }
        catch (ChartFontMissingException e)
        {
            return e.Message;
        }
    }

    /// <summary>The first of <paramref name="folders"/> that holds both faces.</summary>
    /// <exception cref="ChartFontMissingException">None does.</exception>
    internal static string Locate(IReadOnlyList<string> folders) =>
        folders.FirstOrDefault(f => File.Exists(Path.Combine(f, RegularFile)) && File.Exists(Path.Combine(f, BoldFile)))
            ?? throw new ChartFontMissingException($"charts need the font {Family} ({RegularFile} and {BoldFile}), found in none of {string.Join(", ", folders)}: {InstallHint}");

    /// <summary>Loads <paramref name="path"/> and checks that it is the face it should be.</summary>
    /// <exception cref="ChartFontMissingException">It is not a font, or another one.</exception>
    internal static void Check(string path, bool bold)
    {
        using SKTypeface? face = SKTypeface.FromFile(path);
        if (face is null || face.FamilyName != Family || face.IsBold != bold)
        {
            throw new ChartFontMissingException($"{path} is not {Family}{(bold ? " Bold" : "")} (it reads as '{face?.FamilyName ?? "no font"}'): {InstallHint}");
        }
    }
}
