// Two App processes behind one GitHub, as behind a load balancer: both started with
// GATEHOUSE_REPLICAS=2 against the same simulator, each on its own port. People act through
// `users`, whose deliveries go to both replicas at the same moment (GitHub redelivering, or two
// hooks), or are held (`hold`) so that a test sends different deliveries of one gate to each
// replica at once (`deliverAtOnce`).
import type { ReplicaArbitration } from '../../src/github/creation-lease.ts';
import type { GitHubSimulator } from '../simulator/github.ts';
import { UserActions } from '../simulator/user-actions.ts';
import { type SentDelivery, WebhookSender } from '../simulator/webhooks.ts';
import { users as people } from '../support/github-fixtures.ts';
import { type AppScene, SECRET, startAppScene } from './app-on-simulator.ts';
import { POLICY, POLICY_PATH } from './pull-request-scene.ts';

/** Replicas look for each other's creations every 20 ms, 25 times: quick, and longer than a creation takes. */
export const QUICK_ARBITRATION: ReplicaArbitration = { polls: 25, pollMs: 20 };

type Json = Record<string, unknown>;

/** Sends every delivery to each replica at once (the same delivery id), or holds it for the test. */
class ReplicaSender extends WebhookSender {
  held: { event: string; payload: Json; id: string }[] = [];
  holding = false;
  private readonly replicas: WebhookSender[];

  constructor(sim: GitHubSimulator, replicas: WebhookSender[]) {
    super(sim, { url: 'http://127.0.0.1:9/unused', secret: SECRET });
    this.replicas = replicas;
  }

  override async deliver(event: string, payload: Json, id?: string): Promise<SentDelivery> {
    const sentId = id ?? crypto.randomUUID();
    if (this.holding) {
      this.held.push({ event, payload, id: sentId });
      return { id: sentId, event, action: undefined, payload, status: 0, body: 'held' };
    }
    const answers = await Promise.all(
      this.replicas.map((replica) => replica.deliver(event, payload, sentId)),
    );
    // The worst answer: a delivery either replica failed is a failed delivery.
    return answers.reduce((worst, answer) => (answer.status > worst.status ? answer : worst));
  }
}

export interface ReplicaScene {
  sim: GitHubSimulator;
  replicas: AppScene[];
  /** People's actions; each delivery reaches every replica at the same moment. */
  users: UserActions;
  /** Runs `act` with its deliveries held, and returns them in order. */
  hold(
    act: (users: UserActions) => Promise<unknown>,
  ): Promise<{ event: string; payload: Json; id: string }[]>;
  /** Delivers the i-th delivery to the i-th replica, all at once: their answers. */
  deliverAtOnce(deliveries: { event: string; payload: Json; id: string }[]): Promise<SentDelivery[]>;
  /** Redelivers a delivery that was not accepted (non-2xx), as an operator asks GitHub to, until it is. */
  redeliver(delivery: SentDelivery): Promise<SentDelivery>;
  stop(): Promise<void>;
}

/** `count` replicas on one simulator whose main branch holds `policy`, alice, bob and the author writers. */
export async function startReplicaScene(count = 2, policy = POLICY): Promise<ReplicaScene> {
  const options = { env: { GATEHOUSE_REPLICAS: String(count) }, replicaArbitration: QUICK_ARBITRATION };
  const first = await startAppScene(options);
  const { sim } = first;
  const replicas = [first];
  while (replicas.length < count) replicas.push(await startAppScene({ ...options, running: sim }));
  const sender = new ReplicaSender(
    sim,
    replicas.map((replica) => replica.webhooks),
  );
  const users = new UserActions(sim, sender);
  sim.setPermission(people.dave.login, 'admin');
  await users.commit(people.dave, 'main', { [POLICY_PATH]: policy }, 'Set up the repository');
  for (const login of ['alice', 'bob', people.author.login]) sim.setPermission(login, 'write');
  return {
    sim,
    replicas,
    users,
    async hold(act) {
      sender.holding = true;
      try {
        await act(users);
      } finally {
        sender.holding = false;
      }
      return sender.held.splice(0);
    },
    async redeliver(delivery) {
      // GitHub redelivers to the App's one URL: behind the balancer, to either replica.
      let answer = delivery;
      for (let attempt = 0; answer.status < 200 || answer.status > 299; attempt++) {
        if (attempt === 8)
          throw new Error(`${delivery.event} ${delivery.id} is never accepted: ${answer.body}`);
        const replica = replicas[attempt % replicas.length] as AppScene;
        answer = await replica.webhooks.deliver(delivery.event, delivery.payload, delivery.id);
      }
      return answer;
    },
    deliverAtOnce(deliveries) {
      return Promise.all(
        deliveries.map((delivery, index) => {
          const replica = replicas[index % replicas.length] as AppScene;
          return replica.webhooks.deliver(delivery.event, delivery.payload, delivery.id);
        }),
      );
    },
    async stop() {
      for (const replica of replicas.slice(1)) await replica.app.stop();
      await first.stop();
    },
  };
}
