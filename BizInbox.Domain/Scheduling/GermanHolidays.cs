namespace BizInbox.Domain.Scheduling;

/// <summary>The sixteen German federal states; public holidays differ between them.</summary>
public enum GermanState
{
    /// <summary>Baden-Württemberg (BW).</summary>
    BadenWuerttemberg,
    /// <summary>Bayern (BY).</summary>
    Bavaria,
    /// <summary>Berlin (BE).</summary>
    Berlin,
    /// <summary>Brandenburg (BB).</summary>
    Brandenburg,
    /// <summary>Bremen (HB).</summary>
    Bremen,
    /// <summary>Hamburg (HH).</summary>
    Hamburg,
    /// <summary>Hessen (HE).</summary>
    Hesse,
    /// <summary>Mecklenburg-Vorpommern (MV).</summary>
    MecklenburgWesternPomerania,
    /// <summary>Niedersachsen (NI).</summary>
    LowerSaxony,
    /// <summary>Nordrhein-Westfalen (NW).</summary>
    NorthRhineWestphalia,
    /// <summary>Rheinland-Pfalz (RP).</summary>
    RhinelandPalatinate,
    /// <summary>Saarland (SL).</summary>
    Saarland,
    /// <summary>Sachsen (SN).</summary>
    Saxony,
    /// <summary>Sachsen-Anhalt (ST).</summary>
    SaxonyAnhalt,
    /// <summary>Schleswig-Holstein (SH).</summary>
    SchleswigHolstein,
    /// <summary>Thüringen (TH).</summary>
    Thuringia,
}

/// <summary>The public holidays kept in at least one German state.</summary>
public enum GermanHoliday
{
    /// <summary>Neujahr, 1 January.</summary>
    NewYearsDay,
    /// <summary>Heilige Drei Könige, 6 January.</summary>
    Epiphany,
    /// <summary>Internationaler Frauentag, 8 March.</summary>
    InternationalWomensDay,
    /// <summary>Karfreitag, two days before Easter.</summary>
    GoodFriday,
    /// <summary>Ostersonntag.</summary>
    EasterSunday,
    /// <summary>Ostermontag.</summary>
    EasterMonday,
    /// <summary>Tag der Arbeit, 1 May.</summary>
    LabourDay,
    /// <summary>Christi Himmelfahrt, 39 days after Easter.</summary>
    AscensionDay,
    /// <summary>Pfingstsonntag, 49 days after Easter.</summary>
    WhitSunday,
    /// <summary>Pfingstmontag, 50 days after Easter.</summary>
    WhitMonday,
    /// <summary>Fronleichnam, 60 days after Easter.</summary>
    CorpusChristi,
    /// <summary>Mariä Himmelfahrt, 15 August.</summary>
    AssumptionDay,
    /// <summary>Weltkindertag, 20 September.</summary>
    WorldChildrensDay,
    /// <summary>Tag der Deutschen Einheit, 3 October.</summary>
    GermanUnityDay,
    /// <summary>Reformationstag, 31 October.</summary>
    ReformationDay,
    /// <summary>Allerheiligen, 1 November.</summary>
    AllSaintsDay,
    /// <summary>Buß- und Bettag, the Wednesday before 23 November.</summary>
    RepentanceAndPrayerDay,
    /// <summary>1. Weihnachtstag, 25 December.</summary>
    ChristmasDay,
    /// <summary>2. Weihnachtstag, 26 December.</summary>
    BoxingDay,
}

/// <summary>A public holiday on a date.</summary>
/// <param name="Date">The day.</param>
/// <param name="Holiday">Which holiday it is.</param>
public readonly record struct PublicHoliday(DateOnly Date, GermanHoliday Holiday);

/// <summary>
/// Statewide public holidays in Germany (holidays of single towns or of Catholic municipalities in Saxony and
/// Thuringia are left out; Bavaria's Assumption Day, which most Bavarian municipalities keep, is counted).
/// </summary>
public static class GermanHolidays
{
    private static readonly GermanState[] Epiphany = [GermanState.BadenWuerttemberg, GermanState.Bavaria, GermanState.SaxonyAnhalt];

    private static readonly GermanState[] CorpusChristi =
    [
        GermanState.BadenWuerttemberg, GermanState.Bavaria, GermanState.Hesse, GermanState.NorthRhineWestphalia,
        GermanState.RhinelandPalatinate, GermanState.Saarland,
    ];

    private static readonly GermanState[] AllSaints =
        [GermanState.BadenWuerttemberg, GermanState.Bavaria, GermanState.NorthRhineWestphalia, GermanState.RhinelandPalatinate, GermanState.Saarland];

    private static readonly GermanState[] ReformationSince1990 =
        [GermanState.Brandenburg, GermanState.MecklenburgWesternPomerania, GermanState.Saxony, GermanState.SaxonyAnhalt, GermanState.Thuringia];

    private static readonly GermanState[] ReformationSince2018 =
        [GermanState.Bremen, GermanState.Hamburg, GermanState.LowerSaxony, GermanState.SchleswigHolstein];

    /// <summary>Easter Sunday of the Gregorian calendar (anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The public holidays of <paramref name="state"/> in <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<PublicHoliday> For(GermanState state, int year)
    {
        var easter = EasterSunday(year);
        var list = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), GermanHoliday.NewYearsDay),
            new(easter.AddDays(-2), GermanHoliday.GoodFriday),
            new(easter.AddDays(1), GermanHoliday.EasterMonday),
            new(new DateOnly(year, 5, 1), GermanHoliday.LabourDay),
            new(easter.AddDays(39), GermanHoliday.AscensionDay),
            new(easter.AddDays(50), GermanHoliday.WhitMonday),
            new(new DateOnly(year, 10, 3), GermanHoliday.GermanUnityDay),
            new(new DateOnly(year, 12, 25), GermanHoliday.ChristmasDay),
            new(new DateOnly(year, 12, 26), GermanHoliday.BoxingDay),
        };

        void AddIf(bool applies, DateOnly date, GermanHoliday holiday)
        {
            if (applies)
            {
                list.Add(new PublicHoliday(date, holiday));
            }
        }

        AddIf(Epiphany.Contains(state), new DateOnly(year, 1, 6), GermanHoliday.Epiphany);
        AddIf((state == GermanState.Berlin && year >= 2019) || (state == GermanState.MecklenburgWesternPomerania && year >= 2023),
            new DateOnly(year, 3, 8), GermanHoliday.InternationalWomensDay);
        AddIf(state == GermanState.Brandenburg, easter, GermanHoliday.EasterSunday);
        AddIf(state == GermanState.Brandenburg, easter.AddDays(49), GermanHoliday.WhitSunday);
        AddIf(CorpusChristi.Contains(state), easter.AddDays(60), GermanHoliday.CorpusChristi);
        AddIf(state is GermanState.Saarland or GermanState.Bavaria, new DateOnly(year, 8, 15), GermanHoliday.AssumptionDay);
        AddIf(state == GermanState.Thuringia && year >= 2019, new DateOnly(year, 9, 20), GermanHoliday.WorldChildrensDay);
        AddIf(year == 2017 || ReformationSince1990.Contains(state) || (year >= 2018 && ReformationSince2018.Contains(state)),
            new DateOnly(year, 10, 31), GermanHoliday.ReformationDay);
        AddIf(AllSaints.Contains(state), new DateOnly(year, 11, 1), GermanHoliday.AllSaintsDay);
        AddIf(state == GermanState.Saxony, RepentanceAndPrayerDay(year), GermanHoliday.RepentanceAndPrayerDay);

        list.Sort((x, y) => x.Date.CompareTo(y.Date));
        return list;
    }

    /// <summary>Buß- und Bettag: the Wednesday before 23 November.</summary>
    public static DateOnly RepentanceAndPrayerDay(int year)
    {
        var date = new DateOnly(year, 11, 22);
        return date.AddDays(-(((int)date.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7));
    }
}
