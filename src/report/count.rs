//! The background count for the production report: booked, arrived, late,
//! no-show, walk-ins and released, by category and union status.

use super::vouchers::{Voucher, VoucherStatus};
use crate::model::{BookingSource, Category, UnionStatus};

/// One line of the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub booked: u32,
    pub arrived: u32,
    pub late: u32,
    pub no_show: u32,
    pub walk_ins: u32,
    pub released: u32,
}

impl Count {
    fn add(&mut self, v: &Voucher) {
        let booking = &v.card.booking;
        let checked_in = v.card.presence.as_ref().and_then(|p| p.checked_in_at);
        self.booked += 1;
        self.arrived += u32::from(checked_in.is_some());
        self.late += u32::from(checked_in.is_some_and(|at| at > booking.details.call_at));
        self.no_show += u32::from(v.status == VoucherStatus::NoShow);
        self.walk_ins += u32::from(booking.source == BookingSource::WalkIn);
        self.released += u32::from(v.status == VoucherStatus::Released);
    }
}

pub const UNION_STATUSES: [UnionStatus; 2] = [UnionStatus::Union, UnionStatus::NonUnion];

/// A line for every category and union status (zeros included), then the
/// total.
pub fn background_count(vouchers: &[Voucher]) -> (Vec<(Category, UnionStatus, Count)>, Count) {
    let mut lines = Vec::new();
    let mut total = Count::default();
    for category in Category::ALL {
        for union in UNION_STATUSES {
            let mut count = Count::default();
            for v in vouchers
                .iter()
                .filter(|v| v.card.booking.details.category == category && v.union() == union)
            {
                count.add(v);
                total.add(v);
            }
            lines.push((category, union, count));
        }
    }
    (lines, total)
}
