using Investigation.Workflows.Deadlines;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>Working days by the shipped calendar files: weekends, public holidays and adjusted working days (调休), in China Standard Time.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Load(DeadlineApp.CalendarFolder, China);

    private static DateTimeOffset Cst(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-10-01", false)] // National Day
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]  // a Saturday worked in exchange (调休)
    [InlineData("2026-10-11", false)] // an ordinary Sunday
    [InlineData("2026-09-20", true)]  // a Sunday worked in exchange
    [InlineData("2026-02-16", false)] // Spring Festival on a Monday
    [InlineData("2026-02-14", true)]  // the Saturday before it, worked
    [InlineData("2026-01-04", true)]  // the Sunday after New Year, worked
    [InlineData("2026-03-03", true)]  // an ordinary Tuesday
    public void IsWorkingDay_FollowsThe2026Schedule(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day)));

    [Fact]
    public void ThreeWorkingDays_FromTheEveOfNationalDay_SkipTheHolidayAndEndOnTheAdjustedSaturday()
    {
        // Wednesday 30 September 10:00: 1 October to 7 October are off; 8 and 9 October count, and so does Saturday 10 October (调休).
        var due = Calendar.AddWorkingTime(Cst(2026, 9, 30, 10), TimeSpan.FromDays(3));

        Assert.Equal(Cst(2026, 10, 10, 10), due);
    }

    [Fact]
    public void WorkingTime_OnAnAdjustedSunday_Counts()
    {
        // Friday 18 September 10:00 + 1 working day: Saturday 19 is off, Sunday 20 is worked (调休).
        Assert.Equal(Cst(2026, 9, 20, 10), Calendar.AddWorkingTime(Cst(2026, 9, 18, 10), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void WorkingTime_StartedOnAHoliday_RunsFromMidnightOfTheNextWorkingDay()
    {
        // Saturday 3 October (holiday) + 1 working day: the clock starts on Thursday 8 October at 00:00.
        Assert.Equal(Cst(2026, 10, 9), Calendar.AddWorkingTime(Cst(2026, 10, 3, 15), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void WorkingTimeBetween_IsTheInverseOfAddingIt()
    {
        var from = Cst(2026, 9, 30, 10);
        var to = Calendar.AddWorkingTime(from, TimeSpan.FromHours(54));

        Assert.Equal(Cst(2026, 10, 9, 16), to); // 14 h on 30 September, 24 h on 8 October, 16 h on 9 October
        Assert.Equal(TimeSpan.FromHours(54), Calendar.WorkingTimeBetween(from, to));
    }

    [Fact]
    public void ShippedFiles_2026IsOfficial_2027IsMarkedProvisional()
    {
        Assert.False(Calendar.IsProvisional(2026));
        Assert.True(Calendar.IsProvisional(2027));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 2, 8))); // 初三 of the Spring Festival, a Monday
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 2, 11)));
    }

    [Fact]
    public void YearWithoutAFile_CountsWeekendsOnly_AndSaysSo()
    {
        var calendar = BusinessCalendar.Load(DeadlineApp.CalendarFolder, China);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 10, 1))); // a Tuesday: no file for 2030, so not known as a holiday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 10, 5)));
        Assert.Equal([2030], calendar.MissingYears);
    }

    [Fact]
    public void CalendarFile_ListingAWeekdayAsAdjustedWorkingDay_IsRefusedWithItsName()
    {
        var error = Assert.Throws<InvalidDataException>(() => CalendarYear.Parse(
            """{ "year": 2026, "holidays": [], "workingDays": [ { "date": "2026-10-09", "name": "oops" } ] }""", "cn-2026.json"));

        Assert.Contains("cn-2026.json", error.Message);
        Assert.Contains("2026-10-09", error.Message);
    }
}
