//! For the mistakes in following a cascade of departures: the reference's hub with its
//! delivery (send a line, then deal with whoever could not take it) replaced.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

use crate::Command;

pub type Members = BTreeMap<String, mpsc::Sender<String>>;

/// Delivers `line` to every member but `except`, and deals with the failures; `depth`
/// is 0 for a join's or a member's line, 1 for a departure's notice.
pub type Deliver = fn(&mut Members, &str, &str, usize);

/// The reference's hub, but each line is handed to `deliver`.
pub async fn run_hub_delivering(mut commands: mpsc::Receiver<Command>, deliver: Deliver) {
    let mut room = crate::reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                deliver(members, &name, &format!("* {name} joined"), 0);
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                deliver(members, &name, &format!("{name}: {text}"), 0);
            }
            Command::Leave { name } if members.remove(&name).is_some() => {
                deliver(members, &name, &format!("* {name} left"), 1);
            }
            other => room.handle(other),
        }
    }
}

/// `try_send` to everyone but `except`; the names that failed.
pub fn send_all(members: &Members, except: &str, line: &str) -> Vec<String> {
    let others = members.iter().filter(|(name, _)| *name != except);
    others
        .filter(|(_, outbox)| outbox.try_send(line.to_owned()).is_err())
        .map(|(name, _)| name.clone())
        .collect()
}

/// Removes and announces the failures, and theirs, down to `max_depth` levels: whoever
/// fails on a deeper notice "will be found next time".
#[allow(dead_code)] // for the mistakes that stop at a depth
pub fn deliver_down_to(
    max_depth: usize,
    members: &mut Members,
    except: &str,
    line: &str,
    depth: usize,
) {
    let failed = send_all(members, except, line);
    if depth == max_depth {
        return; // "deep enough": whoever failed here stays for now
    }
    for name in failed {
        if members.remove(&name).is_some() {
            let notice = format!("* {name} left");
            deliver_down_to(max_depth, members, &name, &notice, depth + 1);
        }
    }
}
