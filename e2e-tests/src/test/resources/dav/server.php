<?php
// sabre/dav 1.8 (Debian php-sabre-dav) in Nextcloud's URL layout, for tests behind the Nextcloud simulator.
// The simulator checks the caller's app password itself and forwards with this server's own per-user
// password, listed in $DAV_DATA/users.json (written by the Java harness, DavServer). A user's principal,
// calendar "personal", address book "contacts" and files folder are created on their first request,
// as Nextcloud pre-creates them.
error_reporting(E_ALL & ~E_DEPRECATED);   // sabre 1.8 predates PHP 8.2
date_default_timezone_set('UTC');
require_once 'Sabre/autoload.php';

$data = getenv('DAV_DATA');
if (!$data || !is_dir($data)) {
    http_response_code(500);
    echo 'DAV_DATA is not set to a directory';
    return;
}

$pdo = new PDO('sqlite:' . $data . '/db.sqlite');
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$pdo->exec('PRAGMA busy_timeout = 5000');   // several php -S workers share the file

class SimulatorUsers extends \Sabre\DAV\Auth\Backend\AbstractBasic {
    private $pdo;
    private $data;
    function __construct($pdo, $data) { $this->pdo = $pdo; $this->data = $data; }
    protected function validateUserPass($user, $password) {
        $users = json_decode(@file_get_contents($this->data . '/users.json'), true) ?: [];
        if (!isset($users[$user]) || !hash_equals($users[$user], (string) $password)) {
            return false;
        }
        $this->provision($user);
        return true;
    }
    private function provision($user) {
        $principal = 'principals/users/' . $user;
        $this->pdo->exec('BEGIN IMMEDIATE');   // a user's first requests may arrive at several workers at once
        $exists = $this->pdo->prepare('SELECT 1 FROM principals WHERE uri = ?');
        $exists->execute([$principal]);
        if (!$exists->fetchColumn()) {
            $this->pdo->prepare('INSERT INTO principals (uri, email, displayname) VALUES (?, ?, ?)')
                ->execute([$principal, $user . '@example.com', $user]);
            $this->pdo->prepare("INSERT INTO calendars (principaluri, displayname, uri, ctag, components, transparent)"
                . " VALUES (?, 'Personal', 'personal', 1, 'VEVENT,VTODO', 0)")->execute([$principal]);
            $this->pdo->prepare("INSERT INTO addressbooks (principaluri, displayname, uri, ctag)"
                . " VALUES (?, 'Contacts', 'contacts', 1)")->execute([$principal]);
        }
        $this->pdo->exec('COMMIT');
        if (!is_dir($this->data . '/files/' . $user)) {
            @mkdir($this->data . '/files/' . $user, 0700, true);
        }
    }
}

/** files/<user>/…: each user sees only their own folder; others' are "not found", as Nextcloud hides them. */
class FilesRoot extends \Sabre\DAV\Collection {
    private $auth;
    private $data;
    function __construct($auth, $data) { $this->auth = $auth; $this->data = $data; }
    function getName() { return 'files'; }
    function getChildren() {
        $user = $this->auth->getCurrentUser();
        return $user === null ? [] : [new \Sabre\DAV\FSExt\Directory($this->data . '/files/' . $user)];
    }
    function getChild($name) {
        if ($name !== $this->auth->getCurrentUser()) {
            throw new \Sabre\DAV\Exception\NotFound('File with name ' . $name . ' could not be located');
        }
        return new \Sabre\DAV\FSExt\Directory($this->data . '/files/' . $name);
    }
}

/**
 * oc:fileid for files/<user>/…: the ids the Nextcloud simulator gave its files (notes and recipes are files there),
 * read from $DAV_DATA/fileids.json, which the simulator rewrites after every change ({"<user>/<path>": id}).
 */
class FileIds extends \Sabre\DAV\ServerPlugin {
    const FILEID = '{http://owncloud.org/ns}fileid';
    private $data;
    private $ids;
    function __construct($data) { $this->data = $data; }
    function initialize(\Sabre\DAV\Server $server) {
        $server->xmlNamespaces['http://owncloud.org/ns'] = 'oc';
        $server->subscribeEvent('beforeGetProperties', [$this, 'beforeGetProperties']);
    }
    function beforeGetProperties($path, $node, &$requested, &$returned) {
        $wanted = array_search(self::FILEID, $requested, true);
        $path = trim($path, '/');
        if ($wanted === false || strpos($path, 'files/') !== 0) {
            return;
        }
        if ($this->ids === null) {
            $this->ids = json_decode(@file_get_contents($this->data . '/fileids.json'), true) ?: [];
        }
        $key = substr($path, strlen('files/'));
        if (isset($this->ids[$key])) {
            $returned[200][self::FILEID] = (string) $this->ids[$key];
            unset($requested[$wanted]);
        }
    }
}

class UsersAddressBookRoot extends \Sabre\CardDAV\AddressBookRoot { function getName() { return 'users'; } }

$pdo->exec(file_get_contents(__DIR__ . '/schema.sql'));
$users = new SimulatorUsers($pdo, $data);
$principals = new \Sabre\DAVACL\PrincipalBackend\PDO($pdo);
$caldav = new \Sabre\CalDAV\Backend\PDO($pdo);
$carddav = new \Sabre\CardDAV\Backend\PDO($pdo);
$tree = [
    new \Sabre\DAV\SimpleCollection('principals', [new \Sabre\CalDAV\Principal\Collection($principals, 'principals/users')]),
    new \Sabre\CalDAV\CalendarRootNode($principals, $caldav, 'principals/users'),
    new \Sabre\DAV\SimpleCollection('addressbooks', [new UsersAddressBookRoot($principals, $carddav, 'principals/users')]),
    new FilesRoot($users, $data),
];
$server = new \Sabre\DAV\Server($tree);
$server->setBaseUri('/remote.php/dav/');
$server->addPlugin(new \Sabre\DAV\Auth\Plugin($users, 'Nextcloud'));
$server->addPlugin(new \Sabre\CalDAV\Plugin());
$server->addPlugin(new \Sabre\CardDAV\Plugin());
$acl = new \Sabre\DAVACL\Plugin();
$acl->principalCollectionSet = ['principals/users'];
$acl->defaultUsernamePath = 'principals/users';   // without it, current-user-principal is principals/<user>
$server->addPlugin($acl);
$server->addPlugin(new FileIds($data));
$server->addPlugin(new \Sabre\DAV\Locks\Plugin(new \Sabre\DAV\Locks\Backend\File($data . '/locks')));
$server->exec();
