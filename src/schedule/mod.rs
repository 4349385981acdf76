//! Visit dates for drawn teams (检查日期安排). Work in progress.
