//! Which holding area an arriving extra goes to: the first area, in order,
//! that admits them and has room; when all are full, the least full of
//! those that admit them, flagged as overflow for the supervisor.

use crate::model::{Category, HoldingArea, UnionStatus};
use std::collections::HashMap;

/// Where an arrival is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// `None` when no area admits this extra at all.
    pub area_id: Option<i64>,
    /// Sent over capacity, or nowhere: the supervisor is told.
    pub overflow: bool,
}

/// Chooses an area for an extra of `union` and `category`; `present` counts
/// the people now in each area (areas missing from it are empty).
pub fn choose_area(
    areas: &[HoldingArea],
    present: &HashMap<i64, u32>,
    union: UnionStatus,
    category: Category,
) -> Assignment {
    let mut eligible: Vec<&HoldingArea> =
        areas.iter().filter(|a| a.admits(union, category)).collect();
    eligible.sort_by_key(|a| (a.order, a.id));
    let count = |a: &HoldingArea| present.get(&a.id).copied().unwrap_or(0);
    if let Some(area) = eligible.iter().find(|a| count(a) < a.capacity) {
        return Assignment {
            area_id: Some(area.id),
            overflow: false,
        };
    }
    // All full: the least full by share of capacity, the earlier on a tie.
    let least_full = eligible.iter().min_by(|a, b| {
        let share = |x: &HoldingArea| count(x) as f64 / x.capacity.max(1) as f64;
        share(a).total_cmp(&share(b))
    });
    Assignment {
        area_id: least_full.map(|a| a.id),
        overflow: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(
        id: i64,
        capacity: u32,
        union: Option<UnionStatus>,
        categories: &[Category],
    ) -> HoldingArea {
        HoldingArea {
            id,
            day_id: 1,
            name: format!("Area {id}"),
            location: None,
            capacity,
            union_filter: union,
            category_filter: categories.to_vec(),
            order: id,
        }
    }

    #[test]
    fn the_first_eligible_area_with_room_wins() {
        let areas = vec![
            area(1, 2, None, &[Category::StandIn]),
            area(2, 2, Some(UnionStatus::Union), &[]),
            area(3, 2, None, &[]),
        ];
        let mut present = HashMap::new();
        let go = |p: &HashMap<i64, u32>, u, c| choose_area(&areas, p, u, c);
        assert_eq!(
            go(&present, UnionStatus::Union, Category::StandIn).area_id,
            Some(1)
        );
        assert_eq!(
            go(&present, UnionStatus::Union, Category::General).area_id,
            Some(2)
        );
        assert_eq!(
            go(&present, UnionStatus::NonUnion, Category::General).area_id,
            Some(3)
        );
        present.insert(2, 2);
        let next = go(&present, UnionStatus::Union, Category::General);
        assert_eq!(
            next,
            Assignment {
                area_id: Some(3),
                overflow: false
            },
            "area 2 is full"
        );
    }

    #[test]
    fn when_every_eligible_area_is_full_the_least_full_takes_the_overflow() {
        let areas = vec![
            area(1, 10, None, &[]),
            area(2, 4, None, &[]),
            area(3, 50, Some(UnionStatus::Union), &[]),
        ];
        let present = HashMap::from([(1, 12), (2, 4), (3, 0)]);
        let sent = choose_area(&areas, &present, UnionStatus::NonUnion, Category::General);
        assert_eq!(
            sent,
            Assignment {
                area_id: Some(2),
                overflow: true
            },
            "4/4 is less full than 12/10"
        );
        let nowhere = choose_area(
            &[area(1, 5, Some(UnionStatus::Union), &[])],
            &present,
            UnionStatus::NonUnion,
            Category::General,
        );
        assert_eq!(
            nowhere,
            Assignment {
                area_id: None,
                overflow: true
            }
        );
    }
}
