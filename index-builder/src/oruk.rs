//! Open Referral UK import and export (in progress).
