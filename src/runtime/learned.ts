// A value start-up learns after the objects that need it exist (the admin token's organization, the
// access rules built from it). Readers get undefined until then and must treat that as "not ready".
export class Learned<T> {
  private value: T | undefined;

  set(value: T): void {
    this.value = value;
  }

  get(): T | undefined {
    return this.value;
  }
}
