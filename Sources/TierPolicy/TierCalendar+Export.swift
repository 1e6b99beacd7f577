// Policy users build dates with CivilDate; they get it with TierPolicy.
@_exported import TierCalendar
